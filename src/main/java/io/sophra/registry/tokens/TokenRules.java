package io.sophra.registry.tokens;

import io.vertx.ext.auth.PubSecKeyOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bearer token must satisfy: signed by one of {@code keys} with that key's own algorithm
 * (each key is bound to one: HS256, RS256 or ES256), issued by {@code issuer} for {@code audience},
 * living no longer than {@code maxLifetime}, and carrying the {@code typ} header {@code requiredType}
 * when one is required; {@code rolesClaim} names the claim holding its roles.
 */
public record TokenRules(List<PubSecKeyOptions> keys, String issuer, String audience, String rolesClaim,
    Duration maxLifetime, Optional<String> requiredType) {

  public TokenRules {
    keys = List.copyOf(keys);
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    Objects.requireNonNull(requiredType, "requiredType");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no key: the registry never accepts unsigned tokens");
    }
  }

  /** The maximum lifetime as people write it: {@code 24 h}, {@code 90 min}, {@code 45 s}. */
  public String maxLifetimeText() {
    long seconds = maxLifetime.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
