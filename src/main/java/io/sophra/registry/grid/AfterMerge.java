package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicates;
import io.sophra.registry.background.Blocking;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.security.AuditAction;
import io.sophra.registry.security.AuditEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is left to do once this member, on the smaller side of a healed network split, has merged
 * into the larger side ({@code MERGED}): remove every model whose incarnation the audit log records
 * as deleted (a deletion leaves nothing for {@link RevisionMergePolicy} to see, so the smaller side's
 * stale copy was put back), then recount the model slots, which each side counted on its own.
 *
 * <p>A {@code uid} is never registered twice, so a model whose uid has a deletion in the audit log
 * is always one put back by a merge, whenever it happened; removing it checks the uid at the owner,
 * so a model registered again under the same id stays. Deletions older than the audit retention are
 * no longer known, and a deletion whose audit entry could not be stored (a warning in the log) is not
 * either. Between the merge and this repair (the time of one query of the audit log's deletions) the
 * put-back models are visible.
 */
final class AfterMerge implements LifecycleListener {

  private static final Logger LOG = LoggerFactory.getLogger(AfterMerge.class);
  private static final int BATCH = 1000;

  private final Vertx vertx;
  private final IMap<String, ModelConfig> models;
  private final IMap<Long, AuditEntry> audit;
  private final ModelSlots slots;

  private AfterMerge(Vertx vertx, IMap<String, ModelConfig> models, IMap<Long, AuditEntry> audit, ModelSlots slots) {
    this.vertx = vertx;
    this.models = models;
    this.audit = audit;
    this.slots = slots;
  }

  /** Repairs after every merge of this member; the returned instance can also be run by hand. */
  static AfterMerge watch(Vertx vertx, HazelcastInstance hazelcast, IMap<String, ModelConfig> models, ModelSlots slots) {
    AfterMerge repair = new AfterMerge(vertx, models, hazelcast.getMap(GridAuditLog.MAP_NAME), slots);
    hazelcast.getLifecycleService().addLifecycleListener(repair);
    return repair;
  }

  @Override
  public void stateChanged(LifecycleEvent event) {
    if (event.getState() != LifecycleEvent.LifecycleState.MERGED) {
      return;
    }
    run().onSuccess(removed -> LOG.info("Merged after a network split: {} model(s) deleted on the other side"
            + " removed again, model slots recounted", removed))
        .onFailure(failure -> LOG.warn(failure instanceof Blocking.Stopping ? "No repair after the merge: {}"
            : "Repair after a merge failed: {}", failure.toString()));
  }

  /** Removes the models deleted on the other side, then recounts the slots; answers how many were removed. */
  Future<Integer> run() {
    return Blocking.onWorker(vertx, this::removeDeleted)
        .compose(removed -> slots.resync(models).map(removed));
  }

  private int removeDeleted() {
    Collection<Object[]> deletions = audit.project(Projections.multiAttribute("modelId", "uid"),
        Predicates.equal("action", AuditAction.DELETE.wireName()));
    Map<String, Set<String>> deletedUids = new HashMap<>();
    for (Object[] deletion : deletions) {
      deletedUids.computeIfAbsent((String) deletion[0], id -> new HashSet<>()).add((String) deletion[1]);
    }
    int removed = 0;
    List<String> ids = List.copyOf(deletedUids.keySet());
    for (int from = 0; from < ids.size(); from += BATCH) {
      Set<String> batch = new HashSet<>(ids.subList(from, Math.min(ids.size(), from + BATCH)));
      for (Map.Entry<String, ModelConfig> present : models.getAll(batch).entrySet()) {
        removed += removeIfDeleted(present.getKey(), present.getValue().uid(), deletedUids.get(present.getKey()));
      }
    }
    return removed;
  }

  private int removeIfDeleted(String id, String uid, Set<String> deleted) {
    if (!deleted.contains(uid) || !Boolean.TRUE.equals(models.executeOnKey(id, new RemoveIncarnation(uid)))) {
      return 0;
    }
    LOG.info("Model '{}' (uid {}) was deleted on the other side of the split; removed again", id, uid);
    return 1;
  }
}
