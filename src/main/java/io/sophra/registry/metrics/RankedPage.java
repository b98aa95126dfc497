package io.sophra.registry.metrics;

import io.sophra.registry.model.ModelConfig;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One page of models in a {@link MetricOrder}, each with the value it was sorted by, and the position
 * to continue after when there may be more.
 */
public record RankedPage(List<Ranked> items, Optional<RankPosition> nextAfter) {

  /** A model and its metric's last value (empty: none retained). */
  public record Ranked(ModelConfig model, OptionalDouble value) {
  }

  public RankedPage {
    items = List.copyOf(items);
  }
}
