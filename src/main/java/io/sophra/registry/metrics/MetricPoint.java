package io.sophra.registry.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One measurement of a model: a metric name, a finite value, when it was measured, and labels
 * (dimensions such as {@code dataset=search_logs_q3}). Checked by {@link MetricJson#readPoints} or
 * {@link #of}; immutable.
 */
public record MetricPoint(String name, double value, Instant at, Map<String, String> labels) {

  public MetricPoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    labels = labels.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    value = value == 0.0 ? 0.0 : value; // -0.0 and 0.0 are one value
  }

  /**
   * A point for an in-process caller, checked against every rule of {@link MetricRules}.
   *
   * @throws io.sophra.registry.failure.InvalidModelException naming what is wrong
   */
  public static MetricPoint of(String name, double value, Instant at, Map<String, String> labels) {
    return MetricJson.checked(name, value, at, labels);
  }
}
