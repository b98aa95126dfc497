package io.sophra.registry.bench.support;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.sophra.registry.events.ChangeRecord;
import io.sophra.registry.events.ModelEvent;
import io.sophra.registry.grid.GridAuditLog;
import io.sophra.registry.grid.GridChangeLog;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.grid.HazelcastFutures;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.security.AuditAction;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditId;
import io.sophra.registry.security.FieldChange;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The grid writes a registry write makes, and nothing else: the floor under {@code WriteBenchmark}'s
 * registry subject, measured beside it.
 *
 * <p>An update writes the model into the registry's own {@code models} map (its Near Cache
 * invalidations and its list index's entry listeners fire as for any write), appends a change to the
 * registry's own change log ({@code changes}) and stores an audit entry in the registry's own
 * {@code audit} map (with its four indexes), as the registry's update makes them: the model first, then
 * the append and the audit entry side by side (the registry sends both once the model is stored, and
 * answers when both are done). A registration writes one more replicated key, standing for the cap's
 * slot, beside the model (far from the cap the registry sends its reservation and its insert side by
 * side). Each step is Hazelcast's plain {@code setAsync} or {@code addAsync}, started on the
 * caller's event-loop context and bridged back to it ({@link HazelcastFutures}, as the registry's
 * calls are): no entry processor, no validation, no merge patch, no diff, no event, no audit line.
 */
public final class GridChain {

  private static final String SLOT_MAP = "bench-chain-slots";

  private final IMap<String, ModelConfig> models;
  private final IMap<String, Long> slots;
  private final Ringbuffer<ChangeRecord> ring;
  private final IMap<String, AuditEntry> audit;
  private final AtomicLong unique = new AtomicLong();

  public GridChain(HazelcastInstance hazelcast) {
    this.models = hazelcast.getMap(GridModelRegistry.MAP_NAME);
    this.slots = RawMaps.withOneBackup(hazelcast, SLOT_MAP);
    this.ring = hazelcast.getRingbuffer(GridChangeLog.RING_NAME);
    this.audit = hazelcast.getMap(GridAuditLog.MAP_NAME);
  }

  /** The writes of an update of {@code model}; call it on an event-loop context ({@link OnContext}). */
  public Future<Long> update(ModelConfig model) {
    Context context = Vertx.currentContext();
    return HazelcastFutures.toFuture(models.setAsync(model.id(), model), context)
        .compose(stored -> logAndAudit(model, AuditAction.UPDATE, context));
  }

  /** The writes of a registration of {@code model}; call it on an event-loop context ({@link OnContext}). */
  public Future<Long> register(ModelConfig model) {
    Context context = Vertx.currentContext();
    Future<Void> slot = HazelcastFutures.toFuture(slots.setAsync(model.id(), 1L), context);
    Future<Void> stored = HazelcastFutures.toFuture(models.setAsync(model.id(), model), context);
    return Future.join(slot, stored).compose(both -> logAndAudit(model, AuditAction.REGISTER, context));
  }

  private Future<Long> logAndAudit(ModelConfig model, AuditAction action, Context context) {
    Instant now = Instant.now();
    ChangeRecord change = ChangeRecord.of(new ModelEvent(action == AuditAction.REGISTER ? ModelEvent.Type.REGISTERED
        : ModelEvent.Type.UPDATED, model.id(), model.uid(), model.revision(), model.status().wireName(),
        Optional.empty(), "bench", now, OptionalLong.empty()));
    Future<Long> logged = HazelcastFutures.toFuture(ring.addAsync(change, OverflowPolicy.OVERWRITE), context);
    AuditEntry entry = new AuditEntry(AuditId.of(now, unique.incrementAndGet()), now, "bench", List.of("admin"),
        action, model.id(), model.uid(), model.revision(),
        List.of(new FieldChange("/metadata/step", null, now.toEpochMilli())), OptionalLong.empty(), null);
    Future<Void> audited = HazelcastFutures.toFuture(audit.setAsync(entry.id().text(), entry), context);
    return Future.join(logged, audited).map(both -> logged.result() + 1);
  }
}
