package io.sophra.registry.tokens;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JOSE header of a compact JWS, read before any signature is checked, and refused when it asks
 * for something this registry never does (RFC 8725): keys or key locations carried by the token
 * ({@code jwk}, {@code x5c}, {@code jku}, {@code x5u} — never used, never fetched), critical
 * extensions ({@code crit}), or anything but three non-empty segments (so {@code alg: none} with an
 * empty signature and JWE tokens are refused here already). {@code typ} is kept as RFC 7515 compares
 * it: lower case, without an {@code application/} prefix.
 */
record TokenHeader(String algorithm, Optional<String> keyId, Optional<String> type) {

  private static final List<String> KEY_CARRYING = List.of("jwk", "x5c", "jku", "x5u");

  static TokenHeader read(String token) {
    String[] segments = token.split("\\.", -1);
    if (segments.length != 3 || segments[0].isEmpty() || segments[1].isEmpty() || segments[2].isEmpty()) {
      throw new TokenRejected("the token is not a signed JWT (three non-empty segments: header.payload.signature)");
    }
    JsonObject header = decode(segments[0]);
    for (String name : KEY_CARRYING) {
      if (header.containsKey(name)) {
        throw new TokenRejected("the token carries a '" + name + "' header; keys are never taken from a token");
      }
    }
    if (header.containsKey("crit")) {
      throw new TokenRejected("the token names critical header extensions (crit), which are not supported");
    }
    if (!(header.getValue("alg") instanceof String algorithm)) {
      throw new TokenRejected("the token header has no 'alg'");
    }
    Object kid = header.getValue("kid");
    if (kid != null && !(kid instanceof String)) {
      throw new TokenRejected("the token's 'kid' is not a string");
    }
    Object typ = header.getValue("typ");
    if (typ != null && !(typ instanceof String)) {
      throw new TokenRejected("the token's 'typ' is not a string");
    }
    return new TokenHeader(algorithm, Optional.ofNullable((String) kid), Optional.ofNullable((String) typ)
        .map(TokenHeader::mediaType));
  }

  /** {@code typ} as RFC 7515 section 4.1.9 compares it: case-insensitive, "application/" implied. */
  static String mediaType(String typ) {
    String lower = typ.toLowerCase(Locale.ROOT);
    return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
  }

  /** The claims: the payload segment of a token whose header {@link #read} accepted. */
  static JsonObject claims(String token) {
    String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new TokenRejected("the token payload is not base64url-encoded JSON");
    }
  }

  private static JsonObject decode(String segment) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      throw new TokenRejected("the token header is not base64url-encoded JSON");
    }
  }
}
