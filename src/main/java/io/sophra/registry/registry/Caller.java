package io.sophra.registry.registry;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling the registry: the token's subject, its roles, and the permissions those roles grant.
 * Every {@link ModelRegistry} method takes one, so checks and audit look the same for every way in.
 */
public record Caller(String subject, Set<String> roles, Set<Permission> permissions) {

  public Caller {
    Objects.requireNonNull(subject, "subject");
    roles = Set.copyOf(roles);
    permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
  }

  /** An in-process caller with every permission, for the registry's own work and for tests. */
  public static Caller system(String subject) {
    return new Caller(subject, Set.of("system"), EnumSet.allOf(Permission.class));
  }

  public boolean may(Permission permission) {
    return permissions.contains(permission);
  }
}
