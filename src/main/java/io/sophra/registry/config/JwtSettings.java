package io.sophra.registry.config;

import java.util.List;
import java.util.Optional;

/** How bearer tokens are verified. With no key at all the node runs in development mode. */
public record JwtSettings(Optional<String> secret, List<String> publicKeyPaths, Optional<String> issuer,
    Optional<String> audience, String rolesClaim) {

  public JwtSettings {
    publicKeyPaths = List.copyOf(publicKeyPaths);
  }

  public boolean hasKey() {
    return secret.isPresent() || !publicKeyPaths.isEmpty();
  }
}
