package io.sophra.registry.bench.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The HS256 secret, issuer and audience every benchmark node is configured with, and bearer tokens
 * for them minted with nimbus-jose-jwt (never with the registry's own code), so the HTTP benchmarks
 * pay for a real token verification whenever the node checks tokens.
 */
public final class Tokens {

  public static final String SECRET = "benchmark-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
  public static final String ISSUER = "https://issuer.benchmarks";
  public static final String AUDIENCE = "model-registry";

  /** The settings that make a node accept these tokens. */
  public static final Map<String, String> SETTINGS = Map.of(
      "MODEL_REGISTRY_JWT_SECRET", SECRET,
      "MODEL_REGISTRY_JWT_ISSUER", ISSUER,
      "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE);

  private Tokens() {
  }

  /** An admin token (every permission), valid for {@code lifetime}. */
  public static String admin(Duration lifetime) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject("benchmark")
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plus(lifetime)))
        .claim("roles", List.of("admin"))
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value of the Authorization header for {@link #admin}. */
  public static String bearer(Duration lifetime) {
    return "Bearer " + admin(lifetime);
  }
}
