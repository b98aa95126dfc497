package io.sophra.registry.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Permission;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cache of verified tokens honours exp and evicts by frequency when full")
class VerifiedTokensTest {

  private static final Caller ALICE = new Caller("alice", Set.of("reader"), EnumSet.of(Permission.READ_MODEL));
  private static final long START_MILLIS = 1_800_000_000_000L;

  /** One hand-moved clock serving as both Caffeine's ticker and the wall clock. */
  private static final class Clock {
    final AtomicLong millis = new AtomicLong(START_MILLIS);

    VerifiedTokens cache(int capacity) {
      return new VerifiedTokens(capacity, 30, () -> TimeUnit.MILLISECONDS.toNanos(millis.get()), millis::get);
    }

    void setSecond(long second, long plusMillis) {
      millis.set(second * 1000 + plusMillis);
    }
  }

  @Test
  @DisplayName("An entry is served until exp plus the 30 s leeway and is gone at that instant, as the full check counts")
  void expiresAtExpPlusLeeway() {
    Clock clock = new Clock();
    VerifiedTokens cache = clock.cache(10);
    long exp = START_MILLIS / 1000 + 600;
    cache.put("t", ALICE, exp);
    cache.put("later", ALICE, exp + 3600);

    clock.setSecond(exp + 30, -1);
    assertThat(cache.get("t")).isEqualTo(ALICE);
    clock.setSecond(exp + 30, 0);
    assertThat(cache.get("t")).isNull();
    assertThat(cache.size()).as("the expired entry is removed, the other kept").isEqualTo(1);
    assertThat(cache.get("later")).isEqualTo(ALICE);
  }

  @Test
  @DisplayName("The token a thread found last is answered again only by the cache that holds it, and only until it expires")
  void lastFoundStaysWithItsCache() {
    Clock clock = new Clock();
    VerifiedTokens holding = clock.cache(10);
    VerifiedTokens other = clock.cache(10);
    long exp = START_MILLIS / 1000 + 600;
    holding.put("t", ALICE, exp);

    assertThat(holding.get("t")).isEqualTo(ALICE);
    assertThat(holding.get("t")).isEqualTo(ALICE);
    assertThat(other.get("t")).as("another verifier's cache never verified it").isNull();
    assertThat(holding.get("t")).isEqualTo(ALICE);
    clock.setSecond(exp + 30, 0);
    assertThat(holding.get("t")).isNull();
    assertThat(holding.size()).isZero();
  }

  @Test
  @DisplayName("A wall clock stepped past exp ends the entry even though the monotonic ticker did not move")
  void wallClockStep() {
    AtomicLong wall = new AtomicLong(START_MILLIS);
    VerifiedTokens cache = new VerifiedTokens(10, 30, () -> 0L, wall::get);
    long exp = START_MILLIS / 1000 + 60;
    cache.put("t", ALICE, exp);

    wall.set((exp + 30) * 1000);
    assertThat(cache.get("t")).isNull();
  }

  @Test
  @DisplayName("A full cache evicts some entries, not all: tokens in use survive a burst of one-off tokens")
  void fullCacheEvictsSome() {
    Clock clock = new Clock();
    VerifiedTokens cache = clock.cache(100);
    long exp = START_MILLIS / 1000 + 3600;
    IntStream.range(0, 100).forEach(i -> cache.put("steady-" + i, ALICE, exp));
    for (int round = 0; round < 5; round++) {
      IntStream.range(0, 10).forEach(i -> assertThat(cache.get("steady-" + i)).isEqualTo(ALICE));
    }

    IntStream.range(0, 300).forEach(i -> cache.put("one-off-" + i, ALICE, exp));

    assertThat(cache.size()).as("bounded at its capacity, and still full").isEqualTo(100);
    IntStream.range(0, 10).forEach(i -> assertThat(cache.get("steady-" + i)).as("steady-" + i).isEqualTo(ALICE));
  }

  @Test
  @DisplayName("The verifier caches a token only once it passed every check")
  void onlyVerifiedTokensAreCached() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TokenVerifier verifier = TestVerifiers.create(vertx, TestVerifiers.rules(List.of(TestVerifiers.TEST_SECRET)),
          new VerifierPool(1, 4), new SimpleMeterRegistry());
      String good = TestTokens.forRoles("alice", "reader");
      String expired = Jwts.secretHs256(Jwts.claims("reader").expirationTime(Jwts.in(Duration.ofMinutes(-5))).build());

      Caller first = verifier.verify(good).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      Caller again = verifier.verify(good).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(verifier.verify(expired).failed()).isTrue();

      assertThat(again).isSameAs(first);
      assertThat(first.permissions()).containsExactly(Permission.READ_MODEL);
      assertThat(verifier.cachedTokens()).isEqualTo(1);
    } finally {
      vertx.close();
    }
  }
  @Test
  @DisplayName("A whole Authorization value is cached once its token passed every check, and answers the same caller")
  void authorizationValuesAreCachedOnceVerified() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TokenVerifier verifier = TestVerifiers.create(vertx, TestVerifiers.rules(List.of(TestVerifiers.TEST_SECRET)),
          new VerifierPool(1, 4), new SimpleMeterRegistry());
      String good = "Bearer " + TestTokens.forRoles("alice", "reader") + " ";
      String expired = "Bearer " + Jwts.secretHs256(Jwts.claims("reader").expirationTime(Jwts.in(Duration.ofMinutes(-5)))
          .build());

      Caller first = verifier.verifyAuthorization(good, 7).toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      Caller again = verifier.verifyAuthorization(good, 7).toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      assertThat(verifier.verifyAuthorization(expired, 7).failed()).isTrue();
      assertThat(verifier.verifyAuthorization(expired, 7).failed()).as("a refused value is never cached").isTrue();

      assertThat(again).isSameAs(first);
      assertThat(first.subject()).isEqualTo("alice");
      assertThat(verifier.cachedTokens()).isEqualTo(1);
    } finally {
      vertx.close();
    }
  }
}
