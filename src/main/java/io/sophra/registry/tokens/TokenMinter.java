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
 * Mints HS256 tokens for the {@code token} command and the development-mode admin token. The roles
 * go where the node reads them: at the configured roles claim, nested for a dotted path.
 */
final class TokenMinter {

  private final String secret;
  private final String issuer;
  private final String audience;
  private final String rolesClaim;

  TokenMinter(String secret, String issuer, String audience, String rolesClaim) {
    this.secret = secret;
    this.issuer = issuer;
    this.audience = audience;
    this.rolesClaim = rolesClaim;
  }

  String mint(String subject, List<String> roles, Duration ttl) {
    Instant now = Instant.now();
    JsonObject claims = new JsonObject()
        .put("sub", subject)
        .put("iss", issuer)
        .put("aud", audience)
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(ttl).getEpochSecond());
    String[] path = rolesClaim.split("\\.");
    JsonObject parent = claims;
    for (int i = 0; i < path.length - 1; i++) {
      JsonObject child = new JsonObject();
      parent.put(path[i], child);
      parent = child;
    }
    parent.put(path[path.length - 1], new JsonArray(roles));
    String signingInput = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + encode(claims);
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
