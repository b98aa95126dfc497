package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditLog;
import io.sophra.registry.security.AuditPage;
import io.sophra.registry.security.AuditQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the grid: an IMap {@code audit} from sequence number to entry, the sequence taken
 * from a counter in the IMap {@code audit-sequence} by an entry processor.
 *
 * <p>Design note: why an IMap and not a Ringbuffer. A Ringbuffer gives exact retention and an async
 * API for free, but it lives in one partition (one member holds all history and takes every append)
 * and it reads forward only: its server-side filter runs from a start sequence to the tail, so a
 * newest-first page of one model's history among 100,000 entries deserializes up to every entry, on
 * every page. Here the entries spread over all partitions, indexes on {@code sequence},
 * {@code modelId}, {@code actor}, {@code action} and {@code at} answer a filtered page with the
 * matching keys only (no value is deserialized to select them), and only the page's values travel.
 * Appends are rare (one per model change), so their cost — a {@code submitToKey} for the sequence,
 * a {@code setAsync}, a {@code removeAsync} — does not matter; the counter's owner orders them
 * cluster-wide, so "newest first" means the same on every node.
 *
 * <p>Retention: after appending sequence N, entry N - retention is removed, so the log keeps the
 * newest {@code retention} entries; a removal lost to a crash is caught by a sweep every
 * {@value #SWEEP_EVERY} appends. Both maps have the models' synchronous backups (backup-count 1 by
 * default), so an acknowledged entry survives the loss of one member. Queries have no async form in
 * Hazelcast 5.3 and run on a worker thread; appends are async all the way.
 */
public final class GridAuditLog implements AuditLog {

  public static final String MAP_NAME = "audit";
  public static final String SEQUENCE_MAP_NAME = "audit-sequence";
  static final long SWEEP_EVERY = 1024;
  private static final String SEQUENCE_KEY = "audit";
  private static final Logger LOG = LoggerFactory.getLogger(GridAuditLog.class);

  private final IMap<Long, AuditEntry> entries;
  private final IMap<String, Long> sequences;
  private final GridCalls calls;
  private final int retention;
  private final Majority majority;

  private GridAuditLog(IMap<Long, AuditEntry> entries, IMap<String, Long> sequences, GridCalls calls, int retention,
      Majority majority) {
    this.entries = entries;
    this.sequences = sequences;
    this.calls = calls;
    this.retention = retention;
    this.majority = majority;
  }

  public static GridAuditLog create(Vertx vertx, HazelcastInstance hazelcast, int retention, Duration deadline) {
    return new GridAuditLog(hazelcast.getMap(MAP_NAME), hazelcast.getMap(SEQUENCE_MAP_NAME),
        new GridCalls(vertx, deadline), retention, Majority.of(hazelcast));
  }

  @Override
  public Future<AuditEntry> append(AuditEntry entry) {
    GridCalls.Deadline deadline = calls.deadline();
    return calls.async(deadline, () -> sequences.submitToKey(SEQUENCE_KEY, new NextSequence()))
        .compose(sequence -> {
          AuditEntry stored = entry.withSequence(sequence);
          return calls.async(deadline, () -> entries.setAsync(sequence, stored)).map(done -> stored);
        })
        .onSuccess(stored -> trim(stored.sequence()));
  }

  @Override
  public Future<AuditPage> find(AuditQuery query) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    Predicate<Long, AuditEntry> predicate = predicate(query);
    return calls.blocking(() -> page(predicate, query.limit()));
  }

  private AuditPage page(Predicate<Long, AuditEntry> predicate, int limit) {
    List<Long> newest = entries.keySet(predicate).stream().sorted(Comparator.reverseOrder())
        .limit(limit + 1L).toList();
    boolean more = newest.size() > limit;
    List<Long> keys = more ? newest.subList(0, limit) : newest;
    Map<Long, AuditEntry> values = entries.getAll(new HashSet<>(keys));
    List<AuditEntry> items = keys.stream().map(values::get).filter(Objects::nonNull).toList();
    return new AuditPage(items, more ? OptionalLong.of(keys.get(keys.size() - 1)) : OptionalLong.empty());
  }

  private static Predicate<Long, AuditEntry> predicate(AuditQuery query) {
    List<Predicate<Long, AuditEntry>> parts = new ArrayList<>();
    query.before().ifPresent(before -> parts.add(Predicates.lessThan("sequence", before)));
    query.modelId().ifPresent(id -> parts.add(Predicates.equal("modelId", id)));
    query.actor().ifPresent(actor -> parts.add(Predicates.equal("actor", actor)));
    query.action().ifPresent(action -> parts.add(Predicates.equal("action", action.wireName())));
    query.since().ifPresent(since -> parts.add(Predicates.greaterEqual("at", since.toEpochMilli())));
    if (parts.isEmpty()) {
      return Predicates.alwaysTrue();
    }
    return parts.size() == 1 ? parts.get(0) : Predicates.and(parts.toArray(Predicate[]::new));
  }

  private void trim(long appended) {
    long oldest = appended - retention;
    if (oldest < 1) {
      return;
    }
    calls.async(() -> entries.removeAsync(oldest))
        .onFailure(failure -> LOG.debug("audit entry {} not trimmed yet: {}", oldest, failure.toString()));
    if (appended % SWEEP_EVERY == 0) {
      calls.blocking(() -> {
        entries.removeAll(Predicates.lessEqual("sequence", oldest));
        return null;
      }).onFailure(failure -> LOG.debug("audit sweep skipped: {}", failure.toString()));
    }
  }
}
