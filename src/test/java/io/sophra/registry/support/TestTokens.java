package io.sophra.registry.support;

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
 * Bearer tokens for tests, minted with nimbus-jose-jwt (never with the registry's own code) and the
 * HS256 secret, issuer and audience that {@link TestNodes} configures on every node.
 */
public final class TestTokens {

  public static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
  public static final String ISSUER = "https://issuer.test";
  public static final String AUDIENCE = "model-registry";

  /** The settings that make a node accept these tokens. */
  public static final Map<String, String> SETTINGS = Map.of(
      "MODEL_REGISTRY_JWT_SECRET", SECRET,
      "MODEL_REGISTRY_JWT_ISSUER", ISSUER,
      "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE);

  private TestTokens() {
  }

  public static String admin() {
    return forRoles("test-admin", "admin");
  }

  public static String forRoles(String subject, String... roles) {
    return sign(new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
        .claim("roles", List.of(roles))
        .build());
  }

  public static String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
