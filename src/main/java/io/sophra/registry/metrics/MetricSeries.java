package io.sophra.registry.metrics;

import java.util.List;

/** The retained points of one metric of one model, oldest first. */
public record MetricSeries(String name, List<MetricPoint> points) {

  public MetricSeries {
    points = List.copyOf(points);
  }
}
