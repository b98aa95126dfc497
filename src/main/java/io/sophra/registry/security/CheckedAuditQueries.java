package io.sophra.registry.security;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.vertx.core.Future;
import java.util.Optional;

/** {@link AuditQueries} over an {@link AuditLog}, refusing callers without {@code READ_AUDIT}. */
final class CheckedAuditQueries implements AuditQueries {

  private final AuditLog log;
  private final PermissionCheck permissions;

  CheckedAuditQueries(AuditLog log, Refusals refusals) {
    this.log = log;
    this.permissions = new PermissionCheck(refusals);
  }

  @Override
  public Future<AuditPage> history(Caller caller, ModelId modelId, AuditQuery page) {
    return permissions.guard(caller, Operation.MODEL_HISTORY, Optional.of(modelId),
        () -> log.find(page.forModel(modelId)));
  }

  @Override
  public Future<AuditPage> search(Caller caller, AuditQuery query) {
    return permissions.guard(caller, Operation.SEARCH_AUDIT, query.modelId(), () -> log.find(query));
  }
}
