package io.sophra.registry.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the groups read their settings from: each {@link Setting} with its precedence (system
 * property, then environment variable, then {@code config.json} merged over the bundled defaults),
 * turned into a typed value or one {@link ConfigException} naming the setting and what it accepts.
 */
public final class SettingsSource {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final JsonObject file;
  private final Map<String, String> environment;
  private final Map<String, String> systemProperties;

  SettingsSource(JsonObject file, Map<String, String> environment, Map<String, String> systemProperties) {
    this.file = file;
    this.environment = environment;
    this.systemProperties = systemProperties;
  }

  /** The raw value: system property, else environment variable, else config.json; null if none. */
  String raw(Setting setting) {
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

  /** Whether the variable or system property is present at all, even empty (config.json not counted). */
  boolean setOutsideFile(Setting setting) {
    return systemProperties.containsKey(setting.variable()) || environment.containsKey(setting.variable());
  }

  /** The {@code config.json} value (file merged over the bundled defaults) at a key path; null if none. */
  Object fileValue(String path) {
    String[] keys = path.split("\\.");
    JsonObject node = file;
    for (int i = 0; i < keys.length - 1 && node != null; i++) {
      Object child = node.getValue(keys[i]);
      node = child instanceof JsonObject object ? object : null;
    }
    return node == null ? null : node.getValue(keys[keys.length - 1]);
  }

  /** The whole {@code config.json} object under a top-level key, for settings that are not scalars. */
  JsonObject fileObject(String key) {
    Object value = file.getValue(key);
    return value instanceof JsonObject object ? object : null;
  }

  Optional<String> optional(Setting setting) {
    String value = raw(setting);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  String string(Setting setting) {
    return optional(setting).orElseThrow(() -> ConfigException.invalid(setting, "", "must be set"));
  }

  List<String> list(Setting setting) {
    return optional(setting).map(value -> Arrays.stream(value.split(","))
        .map(String::trim).filter(item -> !item.isEmpty()).toList()).orElse(List.of());
  }

  /** {@code true} or {@code false}, in any case. */
  boolean bool(Setting setting) {
    String value = string(setting);
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw ConfigException.invalid(setting, value, "must be true or false");
  }

  int port(Setting setting) {
    return integer(setting, 0, 65535);
  }

  int integer(Setting setting, int min, int max) {
    String value = string(setting);
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ConfigException.invalid(setting, value, "must be a whole number from " + min + " to " + max);
  }

  /** A positive duration ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 7d}) from {@code min} to {@code max}. */
  Duration duration(Setting setting, Duration min, Duration max) {
    String value = string(setting);
    Duration duration = parseDuration(value);
    if (duration != null && !duration.isZero() && duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0) {
      return duration;
    }
    throw ConfigException.invalid(setting, value, "must be a duration from " + format(min) + " to " + format(max)
        + " such as 500ms, 2s, 1m");
  }

  Duration duration(Setting setting) {
    return duration(setting, Duration.ofMillis(1), Duration.ofDays(365));
  }

  /** A duration that may also be {@code 0} (off, or at once). */
  Duration durationOrZero(Setting setting) {
    String value = string(setting);
    Duration duration = value.equals("0") ? Duration.ZERO : parseDuration(value);
    if (duration != null) {
      return duration;
    }
    throw ConfigException.invalid(setting, value, "must be a duration such as 0, 500ms, 2s, 1m");
  }

  /** One of the constants of {@code type}, by its lower-case name. */
  <E extends Enum<E>> E choice(Setting setting, Class<E> type) {
    String value = string(setting);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
        return constant;
      }
    }
    throw ConfigException.invalid(setting, value, "must be one of " + Arrays.stream(type.getEnumConstants())
        .map(constant -> "'" + constant.name().toLowerCase(Locale.ROOT) + "'").toList());
  }

  /** A value checked by {@code parse}, which answers null for a value it refuses. */
  <T> T checked(Setting setting, Function<String, T> parse, String expected) {
    String value = string(setting);
    T parsed = parse.apply(value);
    if (parsed == null) {
      throw ConfigException.invalid(setting, value, expected);
    }
    return parsed;
  }

  private static Duration parseDuration(String value) {
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches() || matcher.group(1).length() > 9) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static String format(Duration duration) {
    if (duration.toMillis() < 1000) {
      return duration.toMillis() + "ms";
    }
    if (duration.toSeconds() < 60 || duration.toSeconds() % 60 != 0) {
      return duration.toSeconds() + "s";
    }
    if (duration.toMinutes() < 60 || duration.toMinutes() % 60 != 0) {
      return duration.toMinutes() + "m";
    }
    return duration.toHours() % 24 != 0 ? duration.toHours() + "h" : duration.toDays() + "d";
  }
}
