package io.sophra.registry.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How bearer tokens are verified. With no key at all the node runs in development mode.
 *
 * @param secret the HS256 secret (at least 32 bytes when present)
 * @param publicKeys PEM public keys (RS256 or ES256), each readable and with an optional key id
 * @param issuer required {@code iss}; present whenever a key is
 * @param audience required {@code aud}; present whenever a key is
 * @param rolesClaim the claim holding the roles: a name, or a dotted path such as {@code realm_access.roles}
 */
public record JwtSettings(Optional<String> secret, List<PublicKey> publicKeys, Optional<String> issuer,
    Optional<String> audience, String rolesClaim) {

  /** The shortest HS256 secret accepted (RFC 7518: at least the hash's 256 bits). */
  public static final int MIN_SECRET_BYTES = 32;


  public JwtSettings {
    publicKeys = List.copyOf(publicKeys);
  }

  /** One entry of {@code MODEL_REGISTRY_JWT_PUBLIC_KEY}: {@code path}, or {@code keyId=path}. */
  public record PublicKey(Optional<String> keyId, Path path) {
  }

  public boolean hasKey() {
    return secret.isPresent() || !publicKeys.isEmpty();
  }
}
