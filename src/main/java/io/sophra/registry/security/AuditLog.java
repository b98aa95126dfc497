package io.sophra.registry.security;

import io.vertx.core.Future;

/**
 * Where successful changes are kept: append-only, bounded (the oldest entries go first once the
 * configured retention is reached), readable newest first. Implementations must keep an appended
 * entry through the loss of one cluster member. Refused attempts never come here.
 */
public interface AuditLog {

  /** Stores the entry and answers it with its assigned sequence. */
  Future<AuditEntry> append(AuditEntry entry);

  /** A page of entries matching the query, newest (largest sequence) first. */
  Future<AuditPage> find(AuditQuery query);
}
