package io.sophra.registry.config;

/** A configuration that cannot work; its message is the one line start-up prints before it stops. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  public static ConfigException invalid(Setting setting, String value, String expected) {
    return new ConfigException(setting.variable() + " (config.json \"" + setting.jsonPath() + "\"): "
        + expected + ", but was '" + value + "'");
  }
}
