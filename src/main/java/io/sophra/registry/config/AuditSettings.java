package io.sophra.registry.config;

import java.util.List;

/**
 * The audit log in the grid.
 *
 * @param retention how many entries the grid keeps (the oldest go first)
 */
public record AuditSettings(int retention) {

  public static final Setting RETENTION = new Setting("MODEL_REGISTRY_AUDIT_RETENTION", "audit.retention",
      "audit entries kept in the grid (oldest dropped first)");
  static final List<Setting> SETTINGS = List.of(RETENTION);

  static AuditSettings read(SettingsSource source) {
    return new AuditSettings(source.integer(RETENTION, 1, 10_000_000));
  }
}
