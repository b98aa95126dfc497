package io.sophra.registry.alias;

import io.sophra.registry.model.ModelId;
import java.util.Objects;

/** One model an alias routes to, and its integer share of the traffic (0 to 100; an alias's shares sum to 100). */
public record Variant(ModelId modelId, int weight) {

  public Variant {
    Objects.requireNonNull(modelId, "modelId");
  }
}
