package io.sophra.registry.tokens;

import io.sophra.registry.registry.Caller;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded cache of tokens that passed every check, keyed by the whole token, so a client sending
 * the same token again skips the signature check (ES256 costs about 1 ms, and vertx-auth-jwt verifies
 * each key under one lock). An entry is used only while its token is unexpired ({@code exp} plus the
 * leeway, exactly as the full check counts it); when the cache is full it is emptied and refills.
 * Only verified tokens ever enter, so refused tokens cannot crowd it.
 */
final class VerifiedTokens {

  private record Verified(Caller caller, long expiresAtSecond) {
  }

  private final ConcurrentHashMap<String, Verified> tokens = new ConcurrentHashMap<>();
  private final int capacity;
  private final long leewaySeconds;

  VerifiedTokens(int capacity, long leewaySeconds) {
    this.capacity = capacity;
    this.leewaySeconds = leewaySeconds;
  }

  /** The caller of a cached, still unexpired token, or null. */
  Caller get(String token, long nowSecond) {
    Verified verified = tokens.get(token);
    if (verified == null) {
      return null;
    }
    if (nowSecond - leewaySeconds >= verified.expiresAtSecond) {
      tokens.remove(token, verified);
      return null;
    }
    return verified.caller;
  }

  void put(String token, Caller caller, long expiresAtSecond) {
    if (capacity <= 0) {
      return;
    }
    if (tokens.size() >= capacity) {
      tokens.clear();
    }
    tokens.put(token, new Verified(caller, expiresAtSecond));
  }

  int size() {
    return tokens.size();
  }
}
