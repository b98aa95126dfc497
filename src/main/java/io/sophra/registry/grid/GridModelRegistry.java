package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.BatchResult;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.registry.RestoreMode;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The registry's store: models in the Hazelcast IMap {@code models}, keyed by id.
 *
 * <p>Design note. Every write is one operation that runs atomically at the key's owner against the
 * current value: registration is a put-if-absent ({@link #insert}); delete is an entry processor sent
 * with {@code submitToKey}, which checks the expected ETag there; an update is that entry processor,
 * or, decided from this member's Near Cache copy, a compare-and-set the owner refuses unless it
 * holds that very copy ({@link ModelUpdates}). Two nodes racing
 * on one model are serialized by the owner's partition thread; neither update is lost, and the
 * loser of an If-Match race gets a RevisionMismatch. A write is acknowledged only after its
 * synchronous backups are (backup-count 1 by default), and with {@code fail.on.indeterminate.state}
 * a write whose backup cannot be confirmed fails as Unavailable instead of succeeding silently.
 * Reads go through {@code getAsync}, which a Near Cache answers locally. A member without a
 * majority of the cluster (split-brain protection, see {@link SplitBrainSetup}) refuses every read
 * and write here, before a Near Cache hit could answer from a copy the other side may have changed;
 * and a call that completes after this member lost its majority is not answered as a success either
 * ({@link Majority#confirmWrite}): the split may have reached it half-way. This class checks no
 * permission: callers come through the decorators.
 */
public final class GridModelRegistry implements ModelRegistry {

  public static final String MAP_NAME = "models";

  private final IMap<String, ModelConfig> models;
  private final AbsentPuts<String, ModelConfig> inserts;
  private final ModelUpdates updates;
  private final LocalNearCache nearCache;
  private final ModelSlots slots;
  private final GridCalls calls;
  private final StoreRepairs repairs;
  private final Majority majority;
  private final AfterMerge afterMerge;
  private final ModelIndex index;
  private final ModelReads reads;

  private GridModelRegistry(IMap<String, ModelConfig> models, ModelSlots slots, GridCalls calls, StoreRepairs repairs,
      Majority majority, AfterMerge afterMerge, ModelIndex index) {
    this.models = models;
    this.inserts = AbsentPuts.of(models);
    this.nearCache = LocalNearCache.of(models);
    this.slots = slots;
    this.calls = calls;
    this.repairs = repairs;
    this.majority = majority;
    this.afterMerge = afterMerge;
    this.index = index;
    this.updates = new ModelUpdates(DirectWrites.of(models), nearCache, index, calls);
    this.reads = new ModelReads(models, calls, majority, new ModelListing(models, index, calls, majority));
  }

  /**
   * Opens the models map. When the map has a store with eager loading, this blocks until the whole
   * cluster has loaded it: call it on a worker thread, never on an event loop.
   */
  public static GridModelRegistry create(Vertx vertx, HazelcastInstance hazelcast, int maxModels, Duration deadline) {
    GridCalls calls = new GridCalls(vertx, deadline);
    IMap<String, ModelConfig> models = hazelcast.getMap(MAP_NAME);
    GridSerialization.publishSchema(hazelcast, ModelConfig.register(ModelDraft.of("schema", "schema", "1", Map.of(),
        Map.of(), ModelStatus.INITIALIZING), "schema", Instant.EPOCH));
    ModelIndex index = IndexFeed.start(vertx, hazelcast, models).index();
    ModelSlots slots = new ModelSlots(hazelcast.getMap(ModelSlots.MAP_NAME), calls, maxModels,
        () -> index.ready() ? index.size() : -1);
    boolean stored = hazelcast.getConfig().getMapConfig(MAP_NAME).getMapStoreConfig().isEnabled();
    return new GridModelRegistry(models, slots, calls, new StoreRepairs(vertx, models, stored), Majority.of(hazelcast),
        AfterMerge.watch(vertx, hazelcast, models, slots), index);
  }

  /**
   * What runs by itself after this member merged back from a network split: removes the models the
   * other side deleted meanwhile and recounts the slots. Answers how many models it removed.
   */
  public Future<Integer> repairAfterMerge() {
    return afterMerge.run();
  }

  /** Makes the cap's count agree with the models held; run once the grid holds its start-up data. */
  public Future<Void> resyncCount() {
    return slots.resync(models);
  }

  /** How many models the grid holds, cluster-wide. */
  public Future<Integer> modelCount() {
    return calls.blocking(models::size);
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    // encoded once here: the request, the owner's record and the backup all carry that text
    ModelConfig model = ModelConfig.register(draft, UUID.randomUUID().toString(), Instant.now()).encodedOnce();
    // No failure of an in-memory insert proves it did not happen, so such failures keep their slot;
    // a store refusal does prove it (Hazelcast calls the store before changing the map). Far from the
    // cap the insert goes beside the slot's reservation, and is removed again if the slot is refused.
    return slots.insertBesideSlot(calls.deadline(), () -> insert(model),
            WriteOutcome::done,
            failure -> GridCalls.storeFailure(failure) != null || GridCalls.refusedWithoutMajority(failure),
            () -> nearCache.invalidatedAfter(model.id(),
                models.submitToKey(model.id(), new RemoveIncarnation(model.uid()))))
        .compose(majority::confirmWrite)
        .recover(failure -> writeFailed(model.id(), failure))
        .map(outcome -> outcome.toChange(model.id(), Change.Type.REGISTERED, null));
  }

  @Override
  public Future<ModelConfig> getModel(Caller caller, ModelId id) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    // a Near Cache hit (the lookup getAsync makes first) answers at once, without getAsync's futures;
    // the majority was confirmed just above, and nothing between could have lost it
    ModelConfig cached = nearCache.peek(id.value(), ModelConfig.class);
    if (cached != null) {
      return calls.answered(cached);
    }
    Future<ModelConfig> read = calls.async(() -> models.getAsync(id.value()));
    return (majority.enabled() ? read.compose(majority::confirmRead) : read).map(model -> {
      if (model == null) {
        throw new RegistryException.NotFound(id.value());
      }
      return model;
    });
  }

  @Override
  public Future<BatchResult> getModels(Caller caller, List<ModelId> ids) {
    return reads.getModels(ids);
  }

  /**
   * A page chosen from this member's ordered index of the models ({@link ModelListing}) once it is
   * loaded, from a grid query until then; see {@link ModelReads#listModels}.
   */
  @Override
  public Future<ModelPage> listModels(Caller caller, ModelQuery query) {
    return reads.listModels(query);
  }

  @Override
  public Future<Change> updateModel(Caller caller, ModelId id, JsonObject patch, Optional<String> expectedEtag) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    UpdateProcessor update = new UpdateProcessor(patch, expectedEtag.orElse(null), Instant.now());
    return updates.update(calls.deadline(), id.value(), update)
        .compose(majority::confirmWrite)
        .recover(failure -> writeFailed(id.value(), failure))
        .map(outcome -> outcome.toChange(id.value(), Change.Type.UPDATED, expectedEtag.orElse(null)));
  }

  @Override
  public Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    DeleteProcessor delete = new DeleteProcessor(expectedEtag.orElse(null));
    return slots.deleteFreeingSlot(calls.deadline(), () -> write(id.value(), delete), WriteOutcome::done)
        .compose(majority::confirmWrite)
        .recover(failure -> writeFailed(id.value(), failure))
        .map(outcome -> outcome.toChange(id.value(), Change.Type.DELETED, expectedEtag.orElse(null)));
  }

  @Override
  public Future<ModelPage> exportModels(Caller caller, Optional<ModelId> after, int limit) {
    return reads.exportModels(after, limit);
  }

  /**
   * A taken id is restored (or skipped) without touching the cap; only when the owner finds the id
   * free does the restore take a slot and insert, so restoring over existing models never fails for a
   * full registry, and the cap holds for new ones exactly as for registrations.
   */
  @Override
  public Future<Change> restoreModel(Caller caller, ModelConfig model, RestoreMode mode) {
    boolean overwrite = mode == RestoreMode.OVERWRITE;
    Instant now = Instant.now();
    GridCalls.Deadline deadline = calls.deadline();
    return calls.async(deadline, () -> write(model.id(), new RestoreProcessor(model, overwrite, false, now)))
        .compose(outcome -> !outcome.absent() ? Future.succeededFuture(outcome)
            : slots.insertWithSlot(deadline, () -> write(model.id(), new RestoreProcessor(model, overwrite, true, now)),
                WriteOutcome::inserted, failure -> GridCalls.storeFailure(failure) != null))
        .recover(failure -> writeFailed(model.id(), failure))
        .map(outcome -> outcome.toChange(model.id(), outcome.inserted() ? Change.Type.REGISTERED : Change.Type.UPDATED,
            null));
  }

  /**
   * Runs a write processor at the key's owner. Its answer, two models, is deserialized once for the
   * stages after it ({@link HazelcastFutures#deserializedOnce}).
   */
  private CompletionStage<WriteOutcome> write(String id, EntryProcessor<String, ModelConfig, WriteOutcome> processor) {
    return settled(id, HazelcastFutures.deserializedOnce(models.submitToKey(id, processor)));
  }

  /**
   * Inserts a new model if its id is absent, with a put-if-absent ({@link AbsentPuts}): serialized
   * once, here, where an entry processor carrying it ({@link RegisterProcessor}) was read back, stored
   * serialized again and run once more for its backup. A taken id answers the model found there.
   */
  private CompletionStage<WriteOutcome> insert(ModelConfig model) {
    return settled(model.id(), inserts.putIfAbsent(model.id(), model).thenApplyAsync(
        found -> found == null ? WriteOutcome.done(null, model)
            : WriteOutcome.failed(RegistryException.Kind.ALREADY_EXISTS, found), Runnable::run));
  }

  /**
   * What follows every model write on the member that sent it, before its caller hears of it: the
   * Near Cache entry invalidated ({@link LocalNearCache}) and, for a write done, the list index updated.
   */
  private CompletionStage<WriteOutcome> settled(String id, CompletionStage<WriteOutcome> answer) {
    return index.afterWrite(id, nearCache.invalidatedAfter(id, answer));
  }

  /**
   * A write that failed as Unavailable left the grid unchanged (the store refused it) or its outcome
   * is unknown (a timeout, a member lost mid-write); either way the store may now disagree with the
   * grid about this model, so it is noted for a repair (a no-op without a store).
   */
  private <T> Future<T> writeFailed(String id, Throwable failure) {
    if (failure instanceof RegistryException.Unavailable) {
      repairs.schedule(id);
    }
    return Future.failedFuture(failure);
  }

}
