package io.sophra.registry.security;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.BatchResult;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.registry.RestoreMode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The permission check of every call, below HTTP, so an in-process caller is checked exactly like an
 * HTTP one. A call without its permission ({@link PermissionCheck}) fails with
 * {@link io.sophra.registry.failure.RegistryException.Forbidden} before it reaches the store; a 409 or
 * 412 is counted and logged as a refusal, never recorded as an entry. A successful mutation is
 * recorded below, by the event publisher with {@link AuditTrail#modelChanges()} (at the same time as
 * the change log's append, from the {@link Change} the store returned, with no second read); a patch
 * that changed nothing records nothing.
 */
public final class SecuredRegistry implements ModelRegistry {

  private final ModelRegistry delegate;
  private final PermissionCheck permissions;
  private final Refusals refusals;

  private SecuredRegistry(ModelRegistry delegate, Refusals refusals) {
    this.delegate = delegate;
    this.permissions = new PermissionCheck(refusals);
    this.refusals = refusals;
  }

  public static ModelRegistry create(ModelRegistry delegate, Refusals refusals) {
    return new SecuredRegistry(delegate, refusals);
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    return mutation(caller, Operation.REGISTER_MODEL, Optional.ofNullable(draft.id()),
        () -> delegate.registerModel(caller, draft));
  }

  @Override
  public Future<ModelConfig> getModel(Caller caller, ModelId id) {
    // the hottest call: a permitted read goes straight through, with nothing built for a refusal
    if (permissions.permits(caller, Operation.GET_MODEL)) {
      return delegate.getModel(caller, id);
    }
    return permissions.guard(caller, Operation.GET_MODEL, Optional.ofNullable(id),
        () -> delegate.getModel(caller, id));
  }

  @Override
  public Future<BatchResult> getModels(Caller caller, List<ModelId> ids) {
    return permissions.guard(caller, Operation.GET_MODELS, Optional.empty(),
        () -> delegate.getModels(caller, ids));
  }

  @Override
  public Future<ModelPage> listModels(Caller caller, ModelQuery query) {
    return permissions.guard(caller, Operation.LIST_MODELS, Optional.empty(),
        () -> delegate.listModels(caller, query));
  }

  @Override
  public Future<Change> updateModel(Caller caller, ModelId id, JsonObject patch, Optional<String> expectedEtag) {
    return mutation(caller, Operation.UPDATE_MODEL, Optional.ofNullable(id),
        () -> delegate.updateModel(caller, id, patch, expectedEtag));
  }

  @Override
  public Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag) {
    return mutation(caller, Operation.DELETE_MODEL, Optional.ofNullable(id),
        () -> delegate.deleteModel(caller, id, expectedEtag));
  }

  @Override
  public Future<ModelPage> exportModels(Caller caller, Optional<ModelId> after, int limit) {
    return permissions.guard(caller, Operation.EXPORT_MODELS, Optional.empty(),
        () -> delegate.exportModels(caller, after, limit));
  }

  /** Recorded below as {@code import}, one entry per model created or overwritten. */
  @Override
  public Future<Change> restoreModel(Caller caller, ModelConfig model, RestoreMode mode) {
    return mutation(caller, Operation.IMPORT_MODELS, ModelId.parse(model.id()),
        () -> delegate.restoreModel(caller, model, mode));
  }

  private Future<Change> mutation(Caller caller, Operation operation, Optional<ModelId> modelId,
      Supplier<Future<Change>> call) {
    return permissions.guard(caller, operation, modelId, call)
        .onFailure(failure -> refusals.conflictOrStale(caller, operation.operationName(), modelId, failure));
  }
}
