package io.sophra.registry.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the {@link RegistryConfig}. Precedence, lowest first: the defaults bundled in the jar,
 * {@code config.json} in {@code MODEL_REGISTRY_CONF_DIR} (default {@code conf} in the working
 * directory), environment variables, system properties of the same names.
 */
public final class ConfigLoader {

  static final String BUNDLED_DEFAULTS = "/default-conf/config.json";
  private static final String CONFIG_FILE = "config.json";
  private static final String ROLES = "roles";

  private ConfigLoader() {
  }

  /** Loads from this process's environment and system properties. */
  public static RegistryConfig fromProcess() {
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
    return load(System.getenv(), properties);
  }

  /** Loads with the given environment and system properties (tests pass their own). */
  public static RegistryConfig load(Map<String, String> environment, Map<String, String> systemProperties) {
    Optional<Path> confDir = confDir(environment, systemProperties);
    JsonObject file = bundledDefaults();
    confDir.map(dir -> dir.resolve(CONFIG_FILE)).filter(Files::isRegularFile)
        .ifPresent(path -> overlay(file, readFile(path)));
    return RegistryConfig.read(new SettingsSource(file, environment, systemProperties), confDir);
  }

  /**
   * The operator's {@code config.json} over the bundled defaults: settings merge key by key, but a
   * {@code roles} object replaces the default roles wholesale, so a file that defines its own roles
   * grants nothing through a default role it left out.
   */
  private static void overlay(JsonObject defaults, JsonObject operator) {
    if (operator.containsKey(ROLES)) {
      defaults.remove(ROLES);
    }
    defaults.mergeIn(operator, true);
  }

  private static Optional<Path> confDir(Map<String, String> environment, Map<String, String> systemProperties) {
    String explicit = systemProperties.getOrDefault(Setting.CONF_DIR, environment.get(Setting.CONF_DIR));
    if (explicit != null) {
      Path dir = Path.of(explicit);
      if (!Files.isDirectory(dir)) {
        throw new ConfigException(Setting.CONF_DIR + ": '" + explicit + "' is not a directory");
      }
      return Optional.of(dir);
    }
    Path fallback = Path.of("conf");
    return Files.isDirectory(fallback) ? Optional.of(fallback) : Optional.empty();
  }

  static JsonObject bundledDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(BUNDLED_DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + BUNDLED_DEFAULTS);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject readFile(Path path) {
    try {
      return new JsonObject(Files.readString(path));
    } catch (IOException e) {
      throw new ConfigException(path + ": cannot be read (" + e.getMessage() + ")");
    } catch (DecodeException e) {
      throw new ConfigException(path + ": is not a JSON object (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }
}
