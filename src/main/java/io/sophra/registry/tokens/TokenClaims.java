package io.sophra.registry.tokens;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The claims of a token, checked here and not by vertx-auth-jwt (which is asked about the signature
 * only), so every reason for a refusal is decided by this code and named in its own words:
 * {@code iss}, {@code aud}, {@code exp} (required), {@code nbf} and {@code iat} with a leeway for
 * clock drift, the lifetime, {@code sub} and the roles. Times are NumericDates: JSON numbers of
 * seconds since the epoch.
 *
 * <p>The lifetime is {@code exp - iat}. A token without {@code iat} cannot say when it was issued, so
 * it is held to the same bound from now: it is accepted only while it expires within the maximum
 * lifetime of this moment, and can therefore never stay usable longer than that.
 */
final class TokenClaims {

  /** What a token that passed stands for. */
  record Accepted(String subject, List<String> roles, long expiresAtSecond) {
  }

  static final int MAX_SUBJECT_LENGTH = 256;

  private final TokenRules rules;
  private final RolesClaim rolesClaim;
  private final long leewaySeconds;
  private final long maxLifetimeSeconds;

  TokenClaims(TokenRules rules, long leewaySeconds) {
    this.rules = rules;
    this.rolesClaim = new RolesClaim(rules.rolesClaim());
    this.leewaySeconds = leewaySeconds;
    this.maxLifetimeSeconds = rules.maxLifetime().toSeconds();
  }

  /** The subject, roles and expiry of {@code claims} at {@code nowSecond}; a {@link TokenRejected} saying why not. */
  Accepted check(JsonObject claims, long nowSecond) {
    checkIssuer(claims.getValue("iss"));
    checkAudience(claims.getValue("aud"));
    long expiry = numericDate(claims, "exp")
        .orElseThrow(() -> new TokenRejected("the token has no expiry (exp)"));
    if (nowSecond - leewaySeconds >= expiry) {
      throw new TokenRejected("the token has expired (exp; leeway " + leewaySeconds + " s)");
    }
    numericDate(claims, "nbf").filter(notBefore -> notBefore > nowSecond + leewaySeconds).ifPresent(notBefore -> {
      throw new TokenRejected("the token is not valid yet (nbf; leeway " + leewaySeconds + " s)");
    });
    Optional<Long> issuedAt = numericDate(claims, "iat");
    issuedAt.filter(issued -> issued > nowSecond + leewaySeconds).ifPresent(issued -> {
      throw new TokenRejected("the token was issued in the future (iat; leeway " + leewaySeconds + " s)");
    });
    checkLifetime(expiry, issuedAt.orElse(null), nowSecond);
    return new Accepted(subject(claims.getValue("sub")), rolesClaim.roles(claims), expiry);
  }

  private void checkIssuer(Object issuer) {
    if (!rules.issuer().equals(issuer)) {
      throw new TokenRejected("the token's issuer (iss) is not '" + rules.issuer() + "'");
    }
  }

  private void checkAudience(Object audience) {
    boolean ours = audience instanceof JsonArray list ? list.contains(rules.audience())
        : rules.audience().equals(audience);
    if (!ours) {
      throw new TokenRejected("the token's audience (aud) is not '" + rules.audience() + "'");
    }
  }

  private void checkLifetime(long expiry, Long issuedAt, long nowSecond) {
    if (issuedAt != null) {
      if (exceeds(expiry, issuedAt)) {
        throw new TokenRejected("the token's lifetime (exp - iat) is longer than the maximum of "
            + rules.maxLifetimeText());
      }
    } else if (exceeds(expiry, nowSecond)) {
      throw new TokenRejected("the token has no iat and expires more than "
          + rules.maxLifetimeText() + " from now, the maximum lifetime");
    }
  }

  private boolean exceeds(long expiry, long from) {
    try {
      return Math.subtractExact(expiry, from) > maxLifetimeSeconds;
    } catch (ArithmeticException e) {
      return true;
    }
  }

  /**
   * The subject becomes the actor of audit entries and log lines, so it must read as what it is:
   * no control characters, no format characters (Unicode Cf: bidi overrides and isolates, zero-width
   * characters) that make it display as another name, no line or paragraph separators.
   */
  private static String subject(Object value) {
    if (!(value instanceof String subject) || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
      throw new TokenRejected("the token has no usable subject (sub): a non-blank string of at most "
          + MAX_SUBJECT_LENGTH + " characters is required");
    }
    if (subject.codePoints().anyMatch(TokenClaims::hidden)) {
      throw new TokenRejected("the token's subject (sub) holds control, format (such as bidi) or line"
          + " separator characters");
    }
    return subject;
  }

  private static boolean hidden(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** A NumericDate claim in whole seconds, if present; a claim present but not a number is refused. */
  private static Optional<Long> numericDate(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Number number)) {
      throw new TokenRejected("the token's " + name + " is not a NumericDate (a number of seconds)");
    }
    return Optional.of((long) Math.floor(number.doubleValue()));
  }
}
