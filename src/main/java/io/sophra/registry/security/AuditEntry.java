package io.sophra.registry.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One successful change of a model, as the audit log keeps it.
 *
 * @param sequence the position in the log, set by the store (0 until stored); later entries have larger ones
 * @param revision the model's revision after the change (its last revision for a deletion)
 */
public record AuditEntry(long sequence, Instant at, String actor, List<String> roles, AuditAction action,
    String modelId, String uid, long revision, List<FieldChange> changes) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(uid, "uid");
    roles = List.copyOf(roles);
    changes = List.copyOf(changes);
  }

  public AuditEntry withSequence(long assigned) {
    return new AuditEntry(assigned, at, actor, roles, action, modelId, uid, revision, changes);
  }
}
