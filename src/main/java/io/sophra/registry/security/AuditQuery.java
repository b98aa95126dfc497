package io.sophra.registry.security;

import io.sophra.registry.model.ModelId;
import java.time.Instant;
import java.util.Optional;

/**
 * A page request of the audit log, newest first. Filters are optional and combine with AND.
 *
 * @param before only entries ordered before this one, i.e. older (the decoded cursor; empty for the first page)
 */
public record AuditQuery(Optional<ModelId> modelId, Optional<String> actor, Optional<AuditAction> action,
    Optional<Instant> since, int limit, Optional<AuditId> before) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The first page of one model's history. */
  public static AuditQuery history(ModelId modelId, int limit) {
    return new AuditQuery(Optional.of(modelId), Optional.empty(), Optional.empty(), Optional.empty(), limit,
        Optional.empty());
  }

  public AuditQuery forModel(ModelId id) {
    return new AuditQuery(Optional.of(id), actor, action, since, limit, before);
  }
}
