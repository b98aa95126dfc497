package io.sophra.registry.registry;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import java.util.List;

/** The models found by {@link ModelRegistry#getModels}, in request order, and the ids not found. */
public record BatchResult(List<ModelConfig> items, List<ModelId> missing) {

  public BatchResult {
    items = List.copyOf(items);
    missing = List.copyOf(missing);
  }
}
