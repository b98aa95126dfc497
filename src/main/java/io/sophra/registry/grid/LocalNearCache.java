package io.sophra.registry.grid;

import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.internal.nearcache.NearCacheRecord;
import com.hazelcast.internal.serialization.SerializationService;
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
 * ({@link #peek}), without {@code getAsync}'s futures.
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

  private final NearCache<Object, Object> nearCache;
  private final NearCachedMapProxyImpl<?, ?> proxy;

  private LocalNearCache(NearCachedMapProxyImpl<?, ?> proxy) {
    this.proxy = proxy;
    this.nearCache = proxy == null ? null : proxy.getNearCache();
  }

  static LocalNearCache of(IMap<?, ?> map) {
    return new LocalNearCache(map instanceof NearCachedMapProxyImpl<?, ?> cached ? cached : null);
  }

  /**
   * What this member's Near Cache holds for {@code key} if it is a {@code type} (the lookup
   * {@code IMap.get} makes first, without its Future and serialization plumbing), or null: not cached,
   * cached as absent, or no Near Cache. On null, ask the map. A hit counts in the Near Cache's statistics
   * (and a miss followed by the map's own lookup counts as two misses).
   */
  <V> V peek(String key, Class<V> type) {
    if (nearCache == null) {
      return null;
    }
    Object value = nearCache.get(key);
    return type.isInstance(value) ? type.cast(value) : null;
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
