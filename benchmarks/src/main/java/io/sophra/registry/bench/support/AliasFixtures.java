package io.sophra.registry.bench.support;

import io.sophra.registry.alias.AliasDraft;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.alias.Preconditions;
import io.sophra.registry.alias.Variant;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Aliases for the rollout benchmarks, made through the registry's own interface. */
public final class AliasFixtures {

  private AliasFixtures() {
  }

  /** The ids of the stored models that are ready (a quarter of {@link ModelFactory}'s). */
  public static List<ModelId> ready(List<ModelConfig> stored) {
    return stored.stream().filter(model -> model.status() == ModelStatus.READY).map(model -> new ModelId(model.id()))
        .toList();
  }

  /**
   * {@code count} aliases {@code bench-alias-<i>}, each routing 90/10 to two distinct ready models, and
   * each read once afterwards so the member's Near Cache of aliases holds it.
   */
  public static List<AliasName> aliases(AliasRegistry aliases, List<ModelId> ready, int count) {
    List<AliasName> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AliasName name = new AliasName("bench-alias-" + i);
      List<Variant> variants = List.of(new Variant(ready.get((2 * i) % ready.size()), 90),
          new Variant(ready.get((2 * i + 1) % ready.size()), 10));
      Await.result(aliases.putAlias(Population.CALLER, name, AliasDraft.of(variants, Optional.empty(), ""),
          Preconditions.none()), 30);
      Await.result(aliases.getAlias(Population.CALLER, name), 10);
      names.add(name);
    }
    return names;
  }
}
