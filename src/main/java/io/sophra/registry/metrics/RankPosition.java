package io.sophra.registry.metrics;

import io.sophra.registry.model.ModelId;
import java.util.Objects;
import java.util.OptionalDouble;

/** Where a model stands in a {@link MetricOrder}: its metric's last value (empty: none retained) and its id. */
public record RankPosition(OptionalDouble value, ModelId id) {

  public RankPosition {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(id, "id");
  }
}
