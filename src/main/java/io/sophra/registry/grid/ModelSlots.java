package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import io.sophra.registry.registry.RegistryException;
import io.vertx.core.Future;

/**
 * The cluster-wide cap on registered models (MODEL_REGISTRY_MAX_MODELS), kept as a count under one
 * key whose owner serializes every change. A registration takes a slot before it inserts and gives
 * it back if the insert does not happen; a deletion gives one back. So concurrent registrations on
 * any number of nodes never push the count past the cap. A node dying between taking a slot and
 * inserting leaves the slot taken (the cap then bites one model early) until {@link #resync}.
 */
final class ModelSlots {

  static final String MAP_NAME = "model-slots";
  private static final String KEY = "models";

  private final IMap<String, Long> counts;
  private final GridCalls calls;
  private final int max;

  ModelSlots(IMap<String, Long> counts, GridCalls calls, int max) {
    this.counts = counts;
    this.calls = calls;
    this.max = max;
  }

  /** Takes a slot, or fails with RegistryFull. */
  Future<Void> reserve() {
    return calls.async(() -> counts.submitToKey(KEY, new SlotProcessor.Reserve(max)))
        .compose(taken -> taken ? Future.succeededFuture() : Future.failedFuture(new RegistryException.RegistryFull(max)));
  }

  Future<Void> release() {
    return calls.async(() -> counts.submitToKey(KEY, new SlotProcessor.Release())).mapEmpty();
  }

  /** Sets the count to the number of models the grid holds (start-up after a load, repairs). */
  Future<Void> resync(IMap<String, ?> models) {
    return calls.blocking(() -> {
      counts.set(KEY, (long) models.size());
      return null;
    });
  }
}
