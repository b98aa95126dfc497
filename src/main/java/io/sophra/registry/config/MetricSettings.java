package io.sophra.registry.config;

import java.time.Duration;
import java.util.List;

/**
 * Metric points attached to models, kept in the grid apart from the models.
 *
 * @param maxPointsPerModel points kept per model (all names together); the oldest go first
 * @param retention how long a point is kept after its time ({@code at})
 */
public record MetricSettings(int maxPointsPerModel, Duration retention) {

  public static final Setting MAX_POINTS = new Setting("MODEL_REGISTRY_METRICS_MAX_POINTS", "metrics.maxPointsPerModel",
      "metric points kept per model, all names together (the oldest go first)");
  public static final Setting RETENTION = new Setting("MODEL_REGISTRY_METRICS_RETENTION", "metrics.retention",
      "how long a metric point is kept after its time `at` (`1h`, `7d`; 1s to 365d)");
  static final List<Setting> SETTINGS = List.of(MAX_POINTS, RETENTION);

  static MetricSettings read(SettingsSource source) {
    return new MetricSettings(source.integer(MAX_POINTS, 1, 100_000),
        source.duration(RETENTION, Duration.ofSeconds(1), Duration.ofDays(365)));
  }
}
