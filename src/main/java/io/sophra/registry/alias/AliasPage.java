package io.sophra.registry.alias;

import java.util.List;
import java.util.Optional;

/** One page of aliases sorted by name, and the name to continue after when there may be more. */
public record AliasPage(List<Alias> items, Optional<AliasName> nextAfter) {

  public AliasPage {
    items = List.copyOf(items);
  }
}
