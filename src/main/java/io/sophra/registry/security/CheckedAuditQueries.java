package io.sophra.registry.security;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Permission;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;
import java.util.Optional;

/** {@link AuditQueries} over an {@link AuditLog}, refusing callers without {@code READ_AUDIT}. */
final class CheckedAuditQueries implements AuditQueries {

  private final AuditLog log;
  private final Refusals refusals;

  CheckedAuditQueries(AuditLog log, Refusals refusals) {
    this.log = log;
    this.refusals = refusals;
  }

  @Override
  public Future<AuditPage> history(Caller caller, ModelId modelId, AuditQuery page) {
    return allowed(caller, "modelHistory", Optional.of(modelId)).compose(ok -> log.find(page.forModel(modelId)));
  }

  @Override
  public Future<AuditPage> search(Caller caller, AuditQuery query) {
    return allowed(caller, "searchAudit", query.modelId()).compose(ok -> log.find(query));
  }

  private Future<Void> allowed(Caller caller, String operation, Optional<ModelId> modelId) {
    if (caller.may(Permission.READ_AUDIT)) {
      return Future.succeededFuture();
    }
    RegistryException.Forbidden forbidden = new RegistryException.Forbidden(caller.subject(), Permission.READ_AUDIT.name());
    refusals.forbidden(caller, operation, modelId, forbidden.getMessage());
    return Future.failedFuture(forbidden);
  }
}
