package io.sophra.registry.registry;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import java.util.List;
import java.util.Optional;

/** One page of models sorted by id, and the id to continue after when there may be more. */
public record ModelPage(List<ModelConfig> items, Optional<ModelId> nextAfter) {

  public ModelPage {
    items = List.copyOf(items);
  }
}
