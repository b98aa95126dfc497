package io.sophra.registry.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One successful change of a model, as the audit log keeps it.
 *
 * @param id the entry's key, assigned by the store ({@code null} until stored); entries are ordered
 *     by {@code at}, then by id, which {@link AuditId} compares the same way
 * @param revision the model's revision after the change (its last revision for a deletion)
 * @param changes each field touched, with values bounded as {@link AuditValues} says
 * @param sequence the change's number in the change log, kept in entries written by earlier versions;
 *     empty in new ones, which are written beside the append and so do not know it ({@link AuditTrail})
 * @param requestId the {@code X-Request-Id} of the HTTP request that made the change ({@code null} for
 *     an in-process caller, and in entries written before the registry recorded it)
 */
public record AuditEntry(AuditId id, Instant at, String actor, List<String> roles, AuditAction action,
    String modelId, String uid, long revision, List<FieldChange> changes, OptionalLong sequence, String requestId) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(sequence, "sequence");
    roles = List.copyOf(roles);
    changes = FieldChanges.of(changes);
  }

  /** This entry under {@code assigned}, which must be of the entry's own time. */
  public AuditEntry withId(AuditId assigned) {
    if (assigned.atMillis() != at.toEpochMilli()) {
      throw new IllegalArgumentException("audit id " + assigned + " is not of the entry's time " + at);
    }
    return new AuditEntry(assigned, at, actor, roles, action, modelId, uid, revision, changes, sequence, requestId);
  }
}
