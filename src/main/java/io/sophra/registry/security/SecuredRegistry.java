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
import io.sophra.registry.registry.Permission;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The permission check and audit of every call, below HTTP, so an in-process caller is checked and
 * audited exactly like an HTTP one. A call without its permission fails with
 * {@link RegistryException.Forbidden} before it reaches the store; a successful mutation is recorded
 * from the {@link Change} it returned (no second read); a patch that changed nothing records
 * nothing; a 409 or 412 is counted and logged as a refusal, never recorded as an entry.
 */
public final class SecuredRegistry implements ModelRegistry {

  private final ModelRegistry delegate;
  private final AuditTrail trail;
  private final Refusals refusals;

  private SecuredRegistry(ModelRegistry delegate, AuditTrail trail, Refusals refusals) {
    this.delegate = delegate;
    this.trail = trail;
    this.refusals = refusals;
  }

  public static ModelRegistry create(ModelRegistry delegate, AuditLog auditLog, Refusals refusals) {
    return new SecuredRegistry(delegate, new AuditTrail(auditLog), refusals);
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    return mutation(caller, Permission.REGISTER_MODEL, "registerModel", Optional.ofNullable(draft.id()),
        () -> delegate.registerModel(caller, draft));
  }

  @Override
  public Future<ModelConfig> getModel(Caller caller, ModelId id) {
    return read(caller, "getModel", Optional.ofNullable(id), () -> delegate.getModel(caller, id));
  }

  @Override
  public Future<BatchResult> getModels(Caller caller, List<ModelId> ids) {
    return read(caller, "getModels", Optional.empty(), () -> delegate.getModels(caller, ids));
  }

  @Override
  public Future<ModelPage> listModels(Caller caller, ModelQuery query) {
    return read(caller, "listModels", Optional.empty(), () -> delegate.listModels(caller, query));
  }

  @Override
  public Future<Change> updateModel(Caller caller, ModelId id, JsonObject patch, Optional<String> expectedEtag) {
    return mutation(caller, Permission.UPDATE_MODEL, "updateModel", Optional.ofNullable(id),
        () -> delegate.updateModel(caller, id, patch, expectedEtag));
  }

  @Override
  public Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag) {
    return mutation(caller, Permission.DELETE_MODEL, "deleteModel", Optional.ofNullable(id),
        () -> delegate.deleteModel(caller, id, expectedEtag));
  }

  private <T> Future<T> read(Caller caller, String operation, Optional<ModelId> modelId, Supplier<Future<T>> call) {
    return checked(caller, Permission.READ_MODEL, operation, modelId, call);
  }

  private Future<Change> mutation(Caller caller, Permission permission, String operation, Optional<ModelId> modelId,
      Supplier<Future<Change>> call) {
    return checked(caller, permission, operation, modelId, call)
        .onFailure(failure -> refusals.conflictOrStale(caller, operation, modelId, failure))
        .compose(change -> change.changedAnything() ? trail.record(caller, change).map(change)
            : Future.succeededFuture(change));
  }

  private <T> Future<T> checked(Caller caller, Permission permission, String operation, Optional<ModelId> modelId,
      Supplier<Future<T>> call) {
    if (!caller.may(permission)) {
      RegistryException.Forbidden forbidden = new RegistryException.Forbidden(caller.subject(), permission.name());
      refusals.forbidden(caller, operation, modelId, forbidden.getMessage());
      return Future.failedFuture(forbidden);
    }
    return call.get();
  }
}
