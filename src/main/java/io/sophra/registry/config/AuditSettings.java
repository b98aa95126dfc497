package io.sophra.registry.config;

import java.time.Duration;
import java.util.List;

/**
 * The audit log: how much history the grid keeps, and how many refusal lines the log gets.
 *
 * @param retention how many entries the grid keeps at most (the oldest go first)
 * @param maxAge how old an entry may grow before it is removed
 * @param refusedLinesPerSecond refusal lines written per second and reason on each node; the rest are counted
 */
public record AuditSettings(int retention, Duration maxAge, int refusedLinesPerSecond) {

  public static final Setting RETENTION = new Setting("MODEL_REGISTRY_AUDIT_RETENTION", "audit.retention",
      "audit entries kept in the grid (oldest dropped first, within a second)");
  public static final Setting MAX_AGE = new Setting("MODEL_REGISTRY_AUDIT_MAX_AGE", "audit.maxAge",
      "audit entries older than this are removed from the grid (`1h`, `30d`; 1s to 3650d)");
  public static final Setting REFUSED_LINES = new Setting("MODEL_REGISTRY_AUDIT_REFUSED_LINES",
      "audit.refusedLinesPerSecond", "refusal log lines per second and reason on each node; the rest are"
          + " counted in `registry_audit_lines_dropped_total`");
  static final List<Setting> SETTINGS = List.of(RETENTION, MAX_AGE, REFUSED_LINES);

  static AuditSettings read(SettingsSource source) {
    return new AuditSettings(source.integer(RETENTION, 1, 10_000_000),
        source.duration(MAX_AGE, Duration.ofSeconds(1), Duration.ofDays(3650)),
        source.integer(REFUSED_LINES, 1, 1_000_000));
  }
}
