package io.sophra.registry.http;

import io.vertx.core.http.HttpHeaders;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code X-Request-Id} of a request: the client's, when it is well-formed — 1 to
 * {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ : -}, so it is safe in a log line, a
 * JSON field and a header — or else a new random UUID (also when the client sent a malformed one,
 * which is never echoed). The response carries the id the request was served under.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  /** {@link #HEADER} with its hash computed once, for the per-request lookups and puts. */
  static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);
  static final int MAX_LENGTH = 128;

  private RequestIds() {
  }

  /** {@code sent} when well-formed, else a new id. */
  static String accept(String sent) {
    return wellFormed(sent) ? sent : generate();
  }

  static boolean wellFormed(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == ':' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * A random (version 4) UUID. Drawn from {@link ThreadLocalRandom}, not {@code SecureRandom}: the id
   * correlates lines, it guards nothing, and the request path must not wait on a shared generator.
   */
  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }
}
