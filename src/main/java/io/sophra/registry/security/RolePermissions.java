package io.sophra.registry.security;

import io.sophra.registry.registry.Permission;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which permissions each role grants, as configured ({@code roles} in {@code conf/config.json}). A
 * role the configuration does not name grants nothing.
 */
public final class RolePermissions {

  private final Map<String, Set<Permission>> byRole;

  private RolePermissions(Map<String, Set<Permission>> byRole) {
    this.byRole = Map.copyOf(byRole);
  }

  /** From role name → permission names; an unknown permission name is an IllegalArgumentException. */
  public static RolePermissions of(Map<String, Set<String>> roles) {
    Map<String, Set<Permission>> byRole = new HashMap<>();
    roles.forEach((role, names) -> {
      EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
      names.forEach(name -> permissions.add(Permission.valueOf(name)));
      byRole.put(role, Set.copyOf(permissions));
    });
    return new RolePermissions(byRole);
  }

  /** The union of what {@code roles} grant. */
  public Set<Permission> permissionsOf(Collection<String> roles) {
    EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
    for (String role : roles) {
      granted.addAll(byRole.getOrDefault(role, Set.of()));
    }
    return granted;
  }
}
