package io.sophra.registry.grid;

import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.internal.nearcache.NearCacheRecord;
import com.hazelcast.internal.nearcache.impl.DefaultNearCache;
import com.hazelcast.internal.nearcache.impl.store.AbstractNearCacheRecordStore;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.util.Clock;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Closes a staleness hole of Hazelcast's Near Cache on the member that writes.
 *
 * <p>Hazelcast invalidates the writer's own Near Cache entry when it <em>sends</em> an entry
 * processor, and the owner's invalidation after the write skips the member that sent it. So a read
 * on the writing member while its write is in flight (queued behind a lock, a migration, a slow
 * owner) fetches the old value and keeps it, and nothing removes it until the next change of that
 * model or the next reconciliation (up to {@code MODEL_REGISTRY_NEAR_CACHE_RECONCILIATION}). Measured
 * here: 10 s and more of stale reads on the writing node. Invalidating the local entry once more when
 * the write completes, before its caller hears of it, removes the stale copy (and cancels the
 * reservation of a read still in flight, so that read cannot store it either).
 *
 * <p>It also lets the hot reads ({@code getModel}, alias resolution) answer a Near Cache hit directly
 * ({@link #peek}), without {@code getAsync}'s futures, and without the three shared writes Hazelcast's
 * own hit makes (the Near Cache's hit counter, the record's hit count and access time): with two event
 * loops reading, those cache lines bounce between the cores on every lookup.
 *
 * <p>And it lets a write sent from this member ({@link DirectWrites}) keep the value it stored in the
 * Near Cache ({@link #reserveForWrite}, {@link #keptAfter}), as Hazelcast's {@code CACHE_ON_UPDATE}
 * does for JCache: the key is reserved before the write is sent, so the invalidation of any write
 * that reaches the owner after it (which reaches this member after the reservation) cancels the
 * reservation, and the value is published only if the reservation survived. The next update of that
 * model on this member then starts from it.
 *
 * <p>This uses Hazelcast's internal proxy class; the version is pinned (5.3.8 via vertx-hazelcast),
 * and a proxy without a Near Cache simply needs nothing. {@code LocalNearCacheTest} fails if an
 * upgrade changes the proxy type, which would otherwise silently turn both uses off.
 */
final class LocalNearCache {

  private static final long ACCESS_TIME_RESOLUTION_MILLIS = 1000;

  private final NearCache<Object, Object> nearCache;
  private final NearCachedMapProxyImpl<?, ?> proxy;
  /** The Near Cache's records, read directly when they expire only by invalidation; else null. */
  private final AbstractNearCacheRecordStore<Object, Object, ?, ?, ?> records;

  private LocalNearCache(NearCachedMapProxyImpl<?, ?> proxy) {
    this.proxy = proxy;
    this.nearCache = proxy == null ? null : proxy.getNearCache();
    this.records = nearCache == null || nearCache.getNearCacheConfig().getMaxIdleSeconds() > 0 ? null
        : recordsOf(nearCache);
  }

  /** The record store behind {@code nearCache} (Hazelcast internal, pinned by {@code LocalNearCacheTest}). */
  @SuppressWarnings("unchecked")
  static AbstractNearCacheRecordStore<Object, Object, ?, ?, ?> recordsOf(NearCache<Object, Object> nearCache) {
    return (AbstractNearCacheRecordStore<Object, Object, ?, ?, ?>) nearCache.unwrap(DefaultNearCache.class)
        .getNearCacheRecordStore();
  }

  static LocalNearCache of(IMap<?, ?> map) {
    return new LocalNearCache(map instanceof NearCachedMapProxyImpl<?, ?> cached ? cached : null);
  }

  /**
   * What this member's Near Cache holds for {@code key} if it is a {@code type} (the lookup
   * {@code IMap.get} makes first, without its Future and serialization plumbing), or null: not cached,
   * cached as absent, or no Near Cache. On null, ask the map (whose lookup counts the miss).
   *
   * <p>A record that holds a {@code type}, has no expiry time and is not stale by the Near Cache's
   * own detector (the check {@code get} makes) is answered here, with its access time refreshed at
   * most once a second for the LRU eviction and no hit counted in the Near Cache's statistics. A record
   * reserved for a write still holds its last value until the write's outcome replaces it, and
   * {@code get} answers that value too. Anything else (cached as absent, a reservation without a
   * value yet, expiring, stale) goes through the Near Cache's own {@code get}, which decides it as
   * always.
   */
  <V> V peek(String key, Class<V> type) {
    if (nearCache == null) {
      return null;
    }
    if (records != null) {
      NearCacheRecord record = records.getRecord(key);
      if (record == null) {
        return null;
      }
      Object value = record.getValue();
      if (type.isInstance(value) && record.getExpirationTime() <= 0
          && !records.getStaleReadDetector().isStaleRead(key, record)) {
        touch(record);
        return type.cast(value);
      }
    }
    Object value = nearCache.get(key);
    return type.isInstance(value) ? type.cast(value) : null;
  }

  /** Keeps the LRU order within a second without writing the record's cache line on every read. */
  private static void touch(NearCacheRecord record) {
    long now = Clock.currentTimeMillis();
    if (now - record.getLastAccessTime() >= ACCESS_TIME_RESOLUTION_MILLIS) {
      record.setLastAccessTime(now);
    }
  }

  /** {@code write}, followed on completion (success or failure) by invalidating {@code key} locally. */
  <T> CompletionStage<T> invalidatedAfter(String key, CompletionStage<T> write) {
    if (nearCache == null) {
      return write;
    }
    return write.whenCompleteAsync((result, failure) -> nearCache.invalidate(key), Runnable::run);
  }

  /**
   * Reserves {@code key} for the value a write about to be sent will store; {@link #keptAfter} then
   * publishes or drops it. Answers the reservation, or {@link NearCacheRecord#NOT_RESERVED} (no Near
   * Cache, or a read on this member holds a reservation already).
   */
  long reserveForWrite(String key) {
    if (nearCache == null) {
      return NearCacheRecord.NOT_RESERVED;
    }
    SerializationService serialization = proxy.getNodeEngine().getSerializationService();
    return nearCache.tryReserveForUpdate(key, serialization.toData(key, proxy.getPartitionStrategy()),
        NearCache.UpdateSemantic.WRITE_UPDATE);
  }

  /**
   * {@code write}, followed on completion by keeping what {@code kept} makes of its result under
   * {@code key} if the reservation is still held, and by invalidating {@code key} otherwise: on a
   * failure, when {@code kept} answers null, or without a reservation.
   */
  <T> CompletionStage<T> keptAfter(String key, long reservation, CompletionStage<T> write, Function<T, ?> kept) {
    if (nearCache == null) {
      return write;
    }
    return write.whenCompleteAsync((result, failure) -> {
      Object value = failure == null && reservation != NearCacheRecord.NOT_RESERVED ? kept.apply(result) : null;
      if (value != null) {
        nearCache.tryPublishReserved(key, value, reservation, false);
      } else {
        nearCache.invalidate(key);
      }
    }, Runnable::run);
  }
}
