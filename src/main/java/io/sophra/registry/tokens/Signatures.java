package io.sophra.registry.tokens;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a token's signature, and nothing else: vertx-auth-jwt is configured with no issuer, no
 * audience and no expiry check (those claims are {@link TokenClaims}'s), so a failure here can only be
 * about the signature, and is told apart by its type, never by its message.
 *
 * <p>Design note, cost and fairness. An HS256 check costs about 12 µs and runs inline on the calling
 * event loop. An RS256 check costs about 55 µs and an ES256 check about 1.2 ms on Java 17; an attacker
 * sending fresh tokens (the verified-token cache only helps a token seen before) could otherwise keep
 * every event loop busy with them. They run on a small worker pool of {@link VerifierPool#threads()}
 * threads, with at most {@link VerifierPool#queue()} checks waiting; past that a request is refused at
 * once with {@link VerificationBusy} (503) and counted, rather than queued behind work it cannot
 * outrun. vertx-auth-jwt checks each key's signatures under one lock, so every pool thread gets its own
 * {@link JWTAuth} (they are taken from and returned to {@code idle}; at most one per thread exists).
 */
final class Signatures {

  static final String BUSY_METRIC = "registry.token.verification.busy";
  static final String INLINE_ALGORITHM = "HS256";

  private final Vertx vertx;
  private final JWTAuthOptions options;
  private final JWTAuth inline;
  private final WorkerExecutor pool;
  private final Queue<JWTAuth> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger admitted = new AtomicInteger();
  private final int capacity;
  private final Counter busy;

  Signatures(Vertx vertx, TokenRules rules, VerifierPool size, MeterRegistry meters) {
    this.vertx = vertx;
    this.options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIgnoreExpiration(true))
        .setPubSecKeys(rules.keys());
    this.inline = JWTAuth.create(vertx, options);
    this.pool = vertx.createSharedWorkerExecutor(TokenVerifier.WORKER_POOL, size.threads());
    this.capacity = size.threads() + size.queue();
    this.busy = Counter.builder(BUSY_METRIC)
        .description("Requests answered 503 because every RS256/ES256 token check was busy and its queue full")
        .register(meters);
  }

  /** Succeeds when the signature verifies; fails with {@link TokenRejected} or {@link VerificationBusy}. */
  Future<Void> verify(String token, String algorithm) {
    if (INLINE_ALGORITHM.equals(algorithm)) {
      return check(inline, token);
    }
    if (admitted.incrementAndGet() > capacity) {
      admitted.decrementAndGet();
      busy.increment();
      return Future.failedFuture(new VerificationBusy("too many new tokens are being checked at the moment;"
          + " retry after the Retry-After delay"));
    }
    return pool.executeBlocking(() -> checkOnWorker(token), false)
        .compose(checked -> checked)
        .andThen(done -> admitted.decrementAndGet());
  }

  private Future<Void> checkOnWorker(String token) {
    JWTAuth auth = idle.poll();
    if (auth == null) {
      auth = JWTAuth.create(vertx, options);
    }
    try {
      return check(auth, token);
    } finally {
      idle.offer(auth);
    }
  }

  private static Future<Void> check(JWTAuth auth, String token) {
    Future<User> user;
    try {
      user = auth.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      return Future.failedFuture(rejection(e));
    }
    return user.<Void>mapEmpty().recover(failure -> Future.failedFuture(rejection(failure)));
  }

  private static TokenRejected rejection(Throwable failure) {
    if (failure instanceof NoSuchKeyIdException) {
      return new TokenRejected("no configured key matches the token's alg and kid");
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SignatureException || cause instanceof InvalidKeyException) {
        return new TokenRejected("the signature does not verify");
      }
    }
    return new TokenRejected("the token's signature cannot be checked (it is malformed)");
  }
}
