package io.sophra.registry.grid;

import io.sophra.registry.background.Blocking;
import io.sophra.registry.failure.InUseByAliasException;
import io.sophra.registry.failure.RegistryException;
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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model writes that could leave an alias routing to a model that is neither {@code ready} nor in
 * {@code error} — a merge patch moving the model to {@code training} or {@code initializing}, and a
 * deletion — run under the model's lock ({@link AliasLocks}) and only when no alias routes to the
 * model; otherwise they fail with {@link InUseByAliasException} naming the aliases. Every other call
 * passes straight through, without a lock.
 *
 * <p>A guarded write whose outcome is unknown (a 503 other than a store's refusal, which certainly
 * changed nothing) keeps the model's lock until its lease runs out rather than giving it back, so no
 * alias write reads the model before that write has landed; meanwhile guarded writes of that model
 * and alias writes routing to it answer 503.
 */
final class AliasGuard implements ModelRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(AliasGuard.class);

  private final ModelRegistry delegate;
  private final GridAliasRegistry aliases;
  private final AliasLocks locks;
  private final GridCalls calls;
  private final Vertx vertx;

  AliasGuard(ModelRegistry delegate, GridAliasRegistry aliases, AliasLocks locks, GridCalls calls, Vertx vertx) {
    this.delegate = delegate;
    this.aliases = aliases;
    this.locks = locks;
    this.calls = calls;
    this.vertx = vertx;
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    return delegate.registerModel(caller, draft);
  }

  @Override
  public Future<ModelConfig> getModel(Caller caller, ModelId id) {
    return delegate.getModel(caller, id);
  }

  @Override
  public Future<BatchResult> getModels(Caller caller, List<ModelId> ids) {
    return delegate.getModels(caller, ids);
  }

  @Override
  public Future<ModelPage> listModels(Caller caller, ModelQuery query) {
    return delegate.listModels(caller, query);
  }

  @Override
  public Future<Change> updateModel(Caller caller, ModelId id, JsonObject patch, Optional<String> expectedEtag) {
    Optional<ModelStatus> leaving = leavingReady(patch);
    if (leaving.isEmpty()) {
      return delegate.updateModel(caller, id, patch, expectedEtag);
    }
    return guarded(id, "move to " + leaving.get().wireName(), () -> delegate.updateModel(caller, id, patch, expectedEtag));
  }

  @Override
  public Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag) {
    return guarded(id, "delete", () -> delegate.deleteModel(caller, id, expectedEtag));
  }

  @Override
  public Future<ModelPage> exportModels(Caller caller, Optional<ModelId> after, int limit) {
    return delegate.exportModels(caller, after, limit);
  }

  /** An overwrite that would leave the model training or initializing is guarded like such a patch. */
  @Override
  public Future<Change> restoreModel(Caller caller, ModelConfig model, RestoreMode mode) {
    boolean leaving = model.status() == ModelStatus.TRAINING || model.status() == ModelStatus.INITIALIZING;
    if (mode == RestoreMode.SKIP || !leaving) {
      return delegate.restoreModel(caller, model, mode);
    }
    return guarded(new ModelId(model.id()), "overwrite with status " + model.status().wireName() + " by an import",
        () -> delegate.restoreModel(caller, model, mode));
  }

  /** The status a patch asks for, when an alias may not route to a model in it. */
  private static Optional<ModelStatus> leavingReady(JsonObject patch) {
    Object status = patch.getValue("status");
    return status instanceof String name ? ModelStatus.fromWire(name)
        .filter(target -> target == ModelStatus.TRAINING || target == ModelStatus.INITIALIZING) : Optional.empty();
  }

  private Future<Change> guarded(ModelId id, String attempted, Supplier<Future<Change>> write) {
    GridCalls.Deadline deadline = calls.deadline();
    return calls.within(deadline, Blocking.onWorker(vertx, () -> {
      List<String> taken = locks.lockAll(List.of(AliasLocks.modelKey(id.value())), deadline);
      boolean release = true;
      try {
        List<String> routing = aliases.routingTo(id.value());
        if (!routing.isEmpty()) {
          throw new InUseByAliasException(id.value(), routing, attempted);
        }
        try {
          return waitFor(write.get(), deadline);
        } catch (RegistryException.Unavailable unavailable) {
          // a store refusal certainly left the model unchanged; any other 503 may still land
          release = GridCalls.storeFailure(unavailable) != null;
          if (!release) {
            LOG.warn("The outcome of a guarded write of model '{}' is unknown; its lock stays taken until its lease"
                + " runs out", id);
          }
          throw unavailable;
        }
      } finally {
        if (release) {
          locks.unlockAll(taken);
        }
      }
    }));
  }

  /** A registry Future's result, on this worker thread; the registry's own deadline completes it in time. */
  private static <T> T waitFor(Future<T> future, GridCalls.Deadline deadline) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(Math.max(1, deadline.remainingMillis()) + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new RegistryException.Unavailable("the model write did not answer within the request deadline", e);
    }
  }
}
