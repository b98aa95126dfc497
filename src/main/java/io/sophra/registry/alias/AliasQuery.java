package io.sophra.registry.alias;

import java.util.Optional;

/** A page request of {@link AliasRegistry#listAliases}: a page size and the name after which it starts. */
public record AliasQuery(int limit, Optional<AliasName> after) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public AliasQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
  }
}
