package io.sophra.registry.alias;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import java.util.List;
import java.util.Optional;

/**
 * What a resolution chose: the alias revision it read, the variant and why, the subject (empty for a
 * random pick) and its draw, the variants skipped because their model is in {@code error}, and the
 * chosen model as the registry holds it.
 */
public record Resolution(Alias alias, Optional<String> subject, Routing.Draw draw, int variantIndex,
    Routing.Reason reason, List<ModelId> skipped, ModelConfig model) {

  public Resolution {
    skipped = List.copyOf(skipped);
  }

  public Variant variant() {
    return alias.variants().get(variantIndex);
  }
}
