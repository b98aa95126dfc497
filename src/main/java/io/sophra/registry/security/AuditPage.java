package io.sophra.registry.security;

import java.util.List;
import java.util.Optional;

/** Audit entries newest first, and the id of the last one to continue before when there may be more. */
public record AuditPage(List<AuditEntry> items, Optional<AuditId> nextBefore) {

  public AuditPage {
    items = List.copyOf(items);
  }
}
