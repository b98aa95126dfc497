package io.sophra.registry.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.PagingPredicate;
import com.hazelcast.query.Predicates;
import io.sophra.registry.background.Blocking;
import io.sophra.registry.config.AuditSettings;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditId;
import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit map within its retention: at most {@code MODEL_REGISTRY_AUDIT_RETENTION} entries
 * and none older than {@code MODEL_REGISTRY_AUDIT_MAX_AGE}, the oldest removed first.
 *
 * <p>Design note. One member sweeps: the owner of the partition of {@value #SWEEPER_KEY} (every node
 * runs the timer, the others skip), so two sweeps never race to remove more than the excess. Each
 * second it counts the entries ({@code size()}: one small operation per member) and, over the
 * retention, removes the oldest excess — found by a paging predicate ordered by key, which compares
 * keys only, at most {@value #MAX_BATCH} a second — then everything up to the newest of them
 * through the sorted key index. Age is swept every {@code min(maxAge / 4, 1 min)}: entries whose
 * {@code at} is past the age, through the sorted {@code at} index. Between two sweeps the map may
 * hold one second's worth of appends over the retention, and an entry may outlive its age by the
 * age sweep's period. Sweeps run on a worker thread (no async form of these calls) and never
 * overlap on one member; a sweep that fails (a member leaving) is tried again at the next tick.
 */
final class AuditRetention {

  static final String SWEEPER_KEY = "audit-retention";
  static final long PERIOD_MILLIS = 1000;
  static final int MAX_BATCH = 10_000;
  private static final long MAX_AGE_SWEEP_MILLIS = 60_000;
  private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

  private final HazelcastInstance hazelcast;
  private final IMap<String, AuditEntry> entries;
  private final int retention;
  private final long maxAgeMillis;
  private final long ageSweepMillis;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private long lastAgeSweep;

  private AuditRetention(HazelcastInstance hazelcast, IMap<String, AuditEntry> entries, AuditSettings settings) {
    this.hazelcast = hazelcast;
    this.entries = entries;
    this.retention = settings.retention();
    this.maxAgeMillis = settings.maxAge().toMillis();
    this.ageSweepMillis = Math.max(PERIOD_MILLIS, Math.min(MAX_AGE_SWEEP_MILLIS, maxAgeMillis / 4));
  }

  static void start(Vertx vertx, HazelcastInstance hazelcast, IMap<String, AuditEntry> entries, AuditSettings settings) {
    AuditRetention sweeper = new AuditRetention(hazelcast, entries, settings);
    vertx.setPeriodic(PERIOD_MILLIS, timer -> {
      if (sweeper.sweeping.compareAndSet(false, true)) {
        Blocking.onWorker(vertx, () -> {
          sweeper.sweepIfMine();
          return null;
        }).onComplete(done -> {
          sweeper.sweeping.set(false);
          if (done.failed()) {
            LOG.debug("audit retention sweep skipped: {}", done.cause().toString());
          }
        });
      }
    });
  }

  private void sweepIfMine() {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return;
    }
    Member sweeper = hazelcast.getPartitionService().getPartition(SWEEPER_KEY).getOwner();
    if (sweeper == null || !sweeper.localMember()) {
      return;
    }
    long now = System.currentTimeMillis();
    if (now - lastAgeSweep >= ageSweepMillis) {
      entries.removeAll(Predicates.lessThan(GridAuditLog.KEY, AuditId.firstAt(now - maxAgeMillis).text()));
      lastAgeSweep = now;
    }
    trimToRetention();
  }

  private void trimToRetention() {
    int excess = entries.size() - retention;
    if (excess <= 0) {
      return;
    }
    PagingPredicate<String, AuditEntry> oldest = Predicates.pagingPredicate(AuditOrder.OLDEST_FIRST,
        Math.min(excess, MAX_BATCH));
    Set<String> keys = entries.keySet(oldest);
    if (!keys.isEmpty()) {
      entries.removeAll(Predicates.lessEqual(GridAuditLog.KEY, Collections.max(keys)));
    }
  }
}
