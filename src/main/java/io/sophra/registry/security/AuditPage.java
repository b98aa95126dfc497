package io.sophra.registry.security;

import java.util.List;
import java.util.OptionalLong;

/** Audit entries newest first, and the sequence to continue before when there may be more. */
public record AuditPage(List<AuditEntry> items, OptionalLong nextBefore) {

  public AuditPage {
    items = List.copyOf(items);
  }
}
