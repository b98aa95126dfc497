package io.sophra.registry.config;

/** A configuration that cannot work; its message is the one line start-up prints before it stops. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  /** {@code VARIABLE (config.json "path"): problem} — for problems whose value must not be echoed. */
  public static ConfigException of(Setting setting, String problem) {
    return new ConfigException(setting.variable() + " (config.json \"" + setting.jsonPath() + "\"): " + problem);
  }

  public static ConfigException invalid(Setting setting, String value, String expected) {
    return of(setting, expected + ", but was '" + value + "'");
  }
}
