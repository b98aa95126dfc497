package io.sophra.registry.config;

import java.util.List;

/**
 * Aliases (weighted, sticky rollouts over models).
 *
 * @param maxAliases cluster-wide cap on aliases, counted apart from the models' cap
 */
public record AliasSettings(int maxAliases) {

  public static final Setting MAX_ALIASES = new Setting("MODEL_REGISTRY_MAX_ALIASES", "aliases.max",
      "cluster-wide cap on aliases (counted apart from the models)");
  static final List<Setting> SETTINGS = List.of(MAX_ALIASES);

  static AliasSettings read(SettingsSource source) {
    return new AliasSettings(source.integer(MAX_ALIASES, 1, 100_000));
  }
}
