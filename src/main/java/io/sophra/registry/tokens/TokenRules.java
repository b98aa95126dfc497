package io.sophra.registry.tokens;

import io.vertx.ext.auth.PubSecKeyOptions;
import java.util.List;
import java.util.Objects;

/**
 * What a bearer token must satisfy: signed by one of {@code keys} with that key's own algorithm
 * (each key is bound to one: HS256, RS256 or ES256), issued by {@code issuer} for {@code audience};
 * {@code rolesClaim} names the claim holding its roles.
 */
public record TokenRules(List<PubSecKeyOptions> keys, String issuer, String audience, String rolesClaim) {

  public TokenRules {
    keys = List.copyOf(keys);
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no key: the registry never accepts unsigned tokens");
    }
  }
}
