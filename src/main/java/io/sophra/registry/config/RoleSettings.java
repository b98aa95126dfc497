package io.sophra.registry.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code roles} from {@code config.json}: role name → permission names. A role set to
 * {@code null} (or {@code []}) grants nothing; the operator's {@code roles}, when present, replace the
 * bundled defaults wholesale (see {@link ConfigLoader}).
 */
final class RoleSettings {

  static final Set<String> PERMISSIONS =
      Set.of("READ_MODEL", "REGISTER_MODEL", "UPDATE_MODEL", "DELETE_MODEL", "READ_AUDIT", "MANAGE_ALIAS",
          "WRITE_METRICS", "EXPORT", "IMPORT");

  private RoleSettings() {
  }

  static Map<String, Set<String>> read(SettingsSource source) {
    JsonObject roles = source.fileObject("roles");
    Map<String, Set<String>> result = new LinkedHashMap<>();
    if (roles == null) {
      return result;
    }
    for (String role : roles.fieldNames()) {
      Object granted = roles.getValue(role);
      if (granted == null) {
        result.put(role, Set.of());
        continue;
      }
      if (!(granted instanceof JsonArray array)) {
        throw new ConfigException("config.json \"roles." + role + "\": must be an array of permission names");
      }
      Set<String> permissions = new LinkedHashSet<>();
      for (Object permission : array) {
        if (!PERMISSIONS.contains(String.valueOf(permission))) {
          throw new ConfigException("config.json \"roles." + role + "\": '" + permission
              + "' is not a permission; known are " + PERMISSIONS);
        }
        permissions.add(String.valueOf(permission));
      }
      result.put(role, Set.copyOf(permissions));
    }
    return result;
  }
}
