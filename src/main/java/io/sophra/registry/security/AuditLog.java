package io.sophra.registry.security;

import io.vertx.core.Future;

/**
 * Where successful changes are kept: append-only, bounded by count and by age (the oldest entries go
 * first), readable newest first. An entry is stored under a key no other entry ever had, and is
 * never overwritten. Implementations must keep an appended entry through the loss of one cluster
 * member. Refused attempts never come here.
 */
public interface AuditLog {

  /** Stores the entry under a new {@link AuditId} and answers it with that id. */
  Future<AuditEntry> append(AuditEntry entry);

  /** A page of entries matching the query, newest first: by {@code at}, then by id, descending. */
  Future<AuditPage> find(AuditQuery query);
}
