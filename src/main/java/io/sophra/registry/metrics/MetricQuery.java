package io.sophra.registry.metrics;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@link ModelMetrics#series} returns: one metric or all ({@code name}), points at or after
 * {@code since}, and of each series its newest {@code limit} points.
 */
public record MetricQuery(Optional<String> name, Optional<Instant> since, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 100_000;

  public MetricQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
  }

  public static MetricQuery all() {
    return new MetricQuery(Optional.empty(), Optional.empty(), MAX_LIMIT);
  }
}
