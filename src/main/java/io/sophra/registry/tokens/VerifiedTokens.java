package io.sophra.registry.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.sophra.registry.registry.Caller;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A bounded cache of tokens that passed every check, keyed by the whole token (or by the whole
 * {@code Authorization} value holding it, see {@link TokenVerifier#verifyAuthorization}), so a client
 * sending the same token again skips the signature check (ES256 costs about 1 ms). A Caffeine cache: when full
 * it evicts by W-TinyLFU (tokens in use stay, a burst of one-off tokens does not flush them), and each
 * entry expires on its own at its token's {@code exp} plus the leeway, exactly when the full check
 * would start refusing it. Only verified tokens ever enter, so refused tokens cannot crowd it.
 *
 * <p>Expiry is scheduled on Caffeine's monotonic ticker; a read also compares with the wall clock, so
 * a clock stepped forward cannot keep an expired token usable. Maintenance runs on the calling thread
 * (a few entries per write), never on {@code ForkJoinPool.commonPool()}.
 */
final class VerifiedTokens {

  private record Verified(Caller caller, long expiresAtSecond) {
  }

  /** What a thread found last, and in which cache (a process may hold more than one verifier). */
  private static final class LastFound {
    private VerifiedTokens owner;
    private String token;
    private Verified verified;

    void remember(VerifiedTokens owner, String token, Verified verified) {
      this.owner = owner;
      this.token = token;
      this.verified = verified;
    }
  }

  private static final ThreadLocal<LastFound> LAST_FOUND = ThreadLocal.withInitial(LastFound::new);

  private final Cache<String, Verified> tokens;
  private final long leewaySeconds;
  private final LongSupplier wallMillis;

  VerifiedTokens(int capacity, long leewaySeconds) {
    this(capacity, leewaySeconds, Ticker.systemTicker(), System::currentTimeMillis);
  }

  /** With the clocks given: {@code ticker} for Caffeine's schedule, {@code wallMillis} for the tokens' times. */
  VerifiedTokens(int capacity, long leewaySeconds, Ticker ticker, LongSupplier wallMillis) {
    this.leewaySeconds = leewaySeconds;
    this.wallMillis = wallMillis;
    this.tokens = Caffeine.newBuilder()
        .maximumSize(capacity)
        .expireAfter(new UntilExpiry())
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
  }

  /**
   * The caller of a cached, still unexpired token, or null. The token this thread found last is
   * answered again without the cache: a client's connection sends the same header request after
   * request, and comparing it costs less than hashing it and Caffeine's read bookkeeping (about 6 % of
   * an event loop's time at saturation, JFR). Tokens are never revoked before their {@code exp}, so the
   * only check such an answer needs, the expiry, is made on every read alike.
   */
  Caller get(String token) {
    LastFound last = LAST_FOUND.get();
    Verified verified;
    if (last.owner == this && token.equals(last.token)) {
      verified = last.verified;
    } else {
      verified = tokens.getIfPresent(token);
      if (verified == null) {
        return null;
      }
      last.remember(this, token, verified);
    }
    if (millisLeft(verified) <= 0) {
      tokens.invalidate(token);
      last.remember(null, null, null);
      return null;
    }
    return verified.caller;
  }

  void put(String token, Caller caller, long expiresAtSecond) {
    tokens.put(token, new Verified(caller, expiresAtSecond));
  }

  /** Entries held now, after pending evictions and expiries are applied. */
  long size() {
    tokens.cleanUp();
    return tokens.estimatedSize();
  }

  /** Milliseconds until {@code exp} plus the leeway, by the wall clock; saturates instead of overflowing. */
  private long millisLeft(Verified verified) {
    long endSecond = verified.expiresAtSecond > Long.MAX_VALUE / 1000 - leewaySeconds
        ? Long.MAX_VALUE / 1000 : verified.expiresAtSecond + leewaySeconds;
    return endSecond * 1000 - wallMillis.getAsLong();
  }

  private final class UntilExpiry implements Expiry<String, Verified> {

    @Override
    public long expireAfterCreate(String token, Verified verified, long currentTime) {
      return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millisLeft(verified)));
    }

    @Override
    public long expireAfterUpdate(String token, Verified verified, long currentTime, long currentDuration) {
      return expireAfterCreate(token, verified, currentTime);
    }

    @Override
    public long expireAfterRead(String token, Verified verified, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
