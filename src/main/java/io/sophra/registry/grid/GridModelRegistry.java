package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sophra.registry.model.InvalidModelException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelRules;
import io.sophra.registry.registry.BatchResult;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.registry.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The registry's store: models in the Hazelcast IMap {@code models}, keyed by id.
 *
 * <p>Design note. Every write is one entry processor sent with {@code submitToKey}, so it runs
 * atomically at the key's owner against the current value: registration inserts only if absent,
 * update and delete check the expected ETag there. Two nodes racing on one model are serialized by
 * the owner's partition thread; neither update is lost, and the loser of an If-Match race gets a
 * RevisionMismatch. A write is acknowledged only after its synchronous backups are (backup-count 1
 * by default), and with {@code fail.on.indeterminate.state} a write whose backup cannot be confirmed
 * fails as Unavailable instead of succeeding silently. Reads go through {@code getAsync}, which a
 * Near Cache answers locally. This class checks no permission: callers come through the decorators.
 */
public final class GridModelRegistry implements ModelRegistry {

  public static final String MAP_NAME = "models";

  private final IMap<String, ModelConfig> models;
  private final LocalNearCache nearCache;
  private final ModelSlots slots;
  private final GridCalls calls;

  private GridModelRegistry(IMap<String, ModelConfig> models, ModelSlots slots, GridCalls calls) {
    this.models = models;
    this.nearCache = LocalNearCache.of(models);
    this.slots = slots;
    this.calls = calls;
  }

  public static GridModelRegistry create(Vertx vertx, HazelcastInstance hazelcast, int maxModels, Duration deadline) {
    GridCalls calls = new GridCalls(vertx, deadline);
    IMap<String, ModelConfig> models = hazelcast.getMap(MAP_NAME);
    ModelSlots slots = new ModelSlots(hazelcast.getMap(ModelSlots.MAP_NAME), calls, maxModels);
    return new GridModelRegistry(models, slots, calls);
  }

  /** Makes the cap's count agree with the models held; run once the grid holds its start-up data. */
  public Future<Void> resyncCount() {
    return slots.resync(models);
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    ModelConfig model = ModelConfig.register(draft, UUID.randomUUID().toString(), Instant.now());
    // No failure of an in-memory insert proves it did not happen: every failure keeps its slot.
    return slots.insertWithSlot(calls.deadline(), () -> write(model.id(), new RegisterProcessor(model)),
            WriteOutcome::done, failure -> false)
        .map(outcome -> outcome.toChange(model.id(), Change.Type.REGISTERED, null));
  }

  @Override
  public Future<ModelConfig> getModel(Caller caller, String id) {
    if (!ModelRules.isValidId(id)) {
      return Future.failedFuture(invalidId(id));
    }
    return calls.async(() -> models.getAsync(id))
        .compose(model -> model != null ? Future.succeededFuture(model)
            : Future.failedFuture(new RegistryException.NotFound(id)));
  }

  @Override
  public Future<BatchResult> getModels(Caller caller, List<String> ids) {
    List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
    for (String id : unique) {
      if (!ModelRules.isValidId(id)) {
        return Future.failedFuture(invalidId(id));
      }
    }
    GridCalls.Deadline deadline = calls.deadline();
    List<Future<ModelConfig>> lookups = new ArrayList<>(unique.size());
    for (String id : unique) {
      lookups.add(calls.async(deadline, () -> models.getAsync(id)));
    }
    return Future.all(lookups).map(all -> {
      List<ModelConfig> found = new ArrayList<>(unique.size());
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < unique.size(); i++) {
        ModelConfig model = lookups.get(i).result();
        if (model != null) {
          found.add(model);
        } else {
          missing.add(unique.get(i));
        }
      }
      return new BatchResult(found, missing);
    });
  }

  @Override
  public Future<ModelPage> listModels(Caller caller, ModelQuery query) {
    Predicate<String, ModelConfig> predicate = predicate(query);
    return calls.blocking(() -> models.values(predicate)).map(matches -> {
      List<ModelConfig> sorted = matches.stream().sorted(Comparator.comparing(ModelConfig::id))
          .limit(query.limit() + 1L).toList();
      boolean more = sorted.size() > query.limit();
      List<ModelConfig> page = more ? sorted.subList(0, query.limit()) : sorted;
      return new ModelPage(page, more ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
    });
  }

  @Override
  public Future<Change> updateModel(Caller caller, String id, JsonObject patch, Optional<String> expectedEtag) {
    if (!ModelRules.isValidId(id)) {
      return Future.failedFuture(invalidId(id));
    }
    UpdateProcessor update = new UpdateProcessor(patch, expectedEtag.orElse(null), Instant.now());
    return calls.async(calls.deadline(), () -> write(id, update))
        .map(outcome -> outcome.toChange(id, Change.Type.UPDATED, expectedEtag.orElse(null)));
  }

  @Override
  public Future<Change> deleteModel(Caller caller, String id, Optional<String> expectedEtag) {
    if (!ModelRules.isValidId(id)) {
      return Future.failedFuture(invalidId(id));
    }
    DeleteProcessor delete = new DeleteProcessor(expectedEtag.orElse(null));
    return slots.deleteFreeingSlot(calls.deadline(), () -> write(id, delete), WriteOutcome::done)
        .map(outcome -> outcome.toChange(id, Change.Type.DELETED, expectedEtag.orElse(null)));
  }

  /** Runs a write processor at the key's owner; see {@link LocalNearCache} for the invalidation after it. */
  private CompletionStage<WriteOutcome> write(String id, EntryProcessor<String, ModelConfig, WriteOutcome> processor) {
    return nearCache.invalidatedAfter(id, models.submitToKey(id, processor));
  }

  private static Predicate<String, ModelConfig> predicate(ModelQuery query) {
    List<Predicate<String, ModelConfig>> parts = new ArrayList<>();
    query.after().ifPresent(after -> parts.add(Predicates.greaterThan("id", after)));
    query.baseModel().ifPresent(baseModel -> parts.add(Predicates.equal("baseModel", baseModel)));
    query.status().ifPresent(status -> parts.add(Predicates.equal("status", status.wireName())));
    if (parts.isEmpty()) {
      return Predicates.alwaysTrue();
    }
    @SuppressWarnings("unchecked")
    Predicate<String, ModelConfig>[] array = parts.toArray(new Predicate[0]);
    return Predicates.and(array);
  }

  private static InvalidModelException invalidId(String id) {
    return new InvalidModelException("id", "is not a valid model id: 1 to " + ModelRules.MAX_ID_LENGTH
        + " characters of letters, digits, '.', '_' and '-', starting with a letter or digit, without '..'");
  }
}
