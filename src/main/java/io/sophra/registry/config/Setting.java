package io.sophra.registry.config;

/**
 * One scalar setting: its environment variable (also accepted as a system property of the same
 * name), its key path in {@code config.json}, and what it means, in the words the README's
 * configuration table and {@code --help} print. Each group of settings declares its own
 * ({@link HttpSettings}, {@link ClusterSettings}, ...); {@link Settings#ALL} lists them all. Defaults
 * live in the bundled {@code config.json}.
 */
public record Setting(String variable, String jsonPath, String meaning) {

  /** Where {@code config.json} is looked for; itself read from system properties and environment only. */
  public static final String CONF_DIR = "MODEL_REGISTRY_CONF_DIR";
}
