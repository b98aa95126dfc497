package io.sophra.registry.tokens;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 tokens for the {@code token} command and the development-mode admin token, shaped as
 * the node's {@link TokenRules} require: its issuer and audience, its required {@code typ} if any, the
 * roles where the node reads them (at the configured roles claim, nested for a dotted path).
 */
final class TokenMinter {

  private final String secret;
  private final TokenRules rules;

  TokenMinter(String secret, TokenRules rules) {
    this.secret = secret;
    this.rules = rules;
  }

  String mint(String subject, List<String> roles, Duration ttl) {
    if (ttl.compareTo(rules.maxLifetime()) > 0) {
      throw new IllegalArgumentException("a lifetime of " + ttl + " exceeds the maximum " + rules.maxLifetime());
    }
    Instant now = Instant.now();
    JsonObject claims = new JsonObject()
        .put("sub", subject)
        .put("iss", rules.issuer())
        .put("aud", rules.audience())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(ttl).getEpochSecond());
    String[] path = rules.rolesClaim().split("\\.");
    JsonObject parent = claims;
    for (int i = 0; i < path.length - 1; i++) {
      JsonObject child = new JsonObject();
      parent.put(path[i], child);
      parent = child;
    }
    parent.put(path[path.length - 1], new JsonArray(roles));
    JsonObject header = new JsonObject().put("alg", "HS256").put("typ", rules.requiredType().orElse("JWT"));
    String signingInput = encode(header) + "." + encode(claims);
    return signingInput + "." + base64(hmac(signingInput));
  }

  private byte[] hmac(String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String encode(JsonObject json) {
    return base64(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
