package io.sophra.registry.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads each {@link Setting} with its precedence and turns it into a typed value, or one clear error. */
final class SettingsReader {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Set<String> PERMISSIONS =
      Set.of("READ_MODEL", "REGISTER_MODEL", "UPDATE_MODEL", "DELETE_MODEL", "READ_AUDIT");

  private final JsonObject file;
  private final Map<String, String> environment;
  private final Map<String, String> systemProperties;

  SettingsReader(JsonObject file, Map<String, String> environment, Map<String, String> systemProperties) {
    this.file = file;
    this.environment = environment;
    this.systemProperties = systemProperties;
  }

  RegistryConfig read(Optional<Path> confDir) {
    String eventBusHost = string(Setting.EVENTBUS_HOST);
    return new RegistryConfig(
        string(Setting.HTTP_HOST),
        port(Setting.HTTP_PORT),
        integer(Setting.HTTP_INSTANCES, 0, 64),
        integer(Setting.MAX_BODY_SIZE, 1024, 64 * 1024 * 1024),
        string(Setting.CLUSTER_NAME),
        list(Setting.CLUSTER_MEMBERS),
        string(Setting.CLUSTER_HOST),
        port(Setting.CLUSTER_PORT),
        integer(Setting.BACKUP_COUNT, 0, 6),
        eventBusHost,
        port(Setting.EVENTBUS_PORT),
        optional(Setting.EVENTBUS_PUBLIC_HOST),
        duration(Setting.REQUEST_TIMEOUT),
        durationOrZero(Setting.DRAIN_DELAY),
        reconciliationInterval(),
        integer(Setting.MAX_MODELS, 1, 10_000_000),
        persistence(),
        string(Setting.REDIS_URL),
        duration(Setting.REDIS_CONNECT_TIMEOUT),
        duration(Setting.REDIS_COMMAND_TIMEOUT),
        Path.of(string(Setting.DATA_DIR)),
        new JwtReader(this::optional, this::list).read(),
        integer(Setting.AUDIT_RETENTION, 1, 10_000_000),
        roles(),
        confDir);
  }

  /** The raw value: system property, else environment variable, else config.json; null if none. */
  private String raw(Setting setting) {
    String value = systemProperties.get(setting.variable());
    if (value == null) {
      value = environment.get(setting.variable());
    }
    if (value == null) {
      Object fromFile = fileValue(setting.jsonPath());
      if (fromFile instanceof JsonArray array) {
        value = String.join(",", array.stream().map(String::valueOf).toList());
      } else if (fromFile != null) {
        value = String.valueOf(fromFile);
      }
    }
    return value == null ? null : value.trim();
  }

  private Object fileValue(String path) {
    String[] keys = path.split("\\.");
    JsonObject node = file;
    for (int i = 0; i < keys.length - 1 && node != null; i++) {
      node = node.getJsonObject(keys[i]);
    }
    return node == null ? null : node.getValue(keys[keys.length - 1]);
  }

  Optional<String> optional(Setting setting) {
    String value = raw(setting);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private String string(Setting setting) {
    return optional(setting).orElseThrow(() -> invalid(setting, "", "must be set"));
  }

  List<String> list(Setting setting) {
    return optional(setting).map(value -> Arrays.stream(value.split(","))
        .map(String::trim).filter(item -> !item.isEmpty()).toList()).orElse(List.of());
  }

  private int port(Setting setting) {
    return integer(setting, 0, 65535);
  }

  private int integer(Setting setting, int min, int max) {
    String value = string(setting);
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(setting, value, "must be a whole number from " + min + " to " + max);
  }

  private Duration duration(Setting setting) {
    String value = string(setting);
    Matcher matcher = DURATION.matcher(value);
    if (matcher.matches()) {
      Duration duration = toDuration(Long.parseLong(matcher.group(1)), matcher.group(2));
      if (!duration.isZero()) {
        return duration;
      }
    }
    throw invalid(setting, value, "must be a positive duration such as 500ms, 2s, 1m");
  }

  private Duration durationOrZero(Setting setting) {
    String value = string(setting);
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION.matcher(value);
    if (matcher.matches()) {
      return toDuration(Long.parseLong(matcher.group(1)), matcher.group(2));
    }
    throw invalid(setting, value, "must be a duration such as 0, 500ms, 2s, 1m");
  }

  /** Hazelcast refuses a reconciliation interval under 30 s (it would load every member). */
  private Duration reconciliationInterval() {
    Duration interval = duration(Setting.NEAR_CACHE_RECONCILIATION);
    if (interval.toSeconds() < 30 || interval.toSeconds() > 86_400) {
      throw invalid(Setting.NEAR_CACHE_RECONCILIATION, string(Setting.NEAR_CACHE_RECONCILIATION),
          "must be a duration from 30s to 24h");
    }
    return interval;
  }

  private Persistence persistence() {
    String value = string(Setting.PERSISTENCE);
    try {
      return Persistence.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(Setting.PERSISTENCE, value, "must be 'memory' or 'redis'");
    }
  }

  private Map<String, Set<String>> roles() {
    JsonObject roles = file.getJsonObject("roles", new JsonObject());
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (String role : roles.fieldNames()) {
      Object granted = roles.getValue(role);
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

  private static Duration toDuration(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static ConfigException invalid(Setting setting, String value, String expected) {
    return ConfigException.invalid(setting, value, expected);
  }
}
