package io.sophra.registry.security;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.vertx.core.Future;

/**
 * Reading the audit log, for callers holding {@code READ_AUDIT} (checked here, below HTTP, like
 * every registry call); others get {@link io.sophra.registry.failure.RegistryException.Forbidden}.
 */
public interface AuditQueries {

  static AuditQueries create(AuditLog log, Refusals refusals) {
    return new CheckedAuditQueries(log, refusals);
  }

  /** One model's recorded changes, newest first (also after the model was deleted). */
  Future<AuditPage> history(Caller caller, ModelId modelId, AuditQuery page);

  /** Recorded changes matching the query, newest first. */
  Future<AuditPage> search(Caller caller, AuditQuery query);
}
