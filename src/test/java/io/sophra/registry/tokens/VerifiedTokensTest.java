package io.sophra.registry.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Permission;
import io.sophra.registry.security.RolePermissions;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cache of verified tokens honours exp and stays bounded")
class VerifiedTokensTest {

  private static final Caller ALICE = new Caller("alice", Set.of("reader"), EnumSet.of(Permission.READ_MODEL));

  @Test
  @DisplayName("A cached token is used until exp plus the leeway, exactly as the full check counts, then dropped")
  void honoursExpiry() {
    VerifiedTokens cache = new VerifiedTokens(10, 30);
    cache.put("t", ALICE, 1_000);

    assertThat(cache.get("t", 1_029)).isEqualTo(ALICE);
    assertThat(cache.get("t", 1_030)).isNull();
    assertThat(cache.size()).isZero();
    assertThat(cache.get("other", 0)).isNull();
  }

  @Test
  @DisplayName("A full cache is emptied before the next token goes in; capacity 0 caches nothing")
  void bounded() {
    VerifiedTokens cache = new VerifiedTokens(2, 30);
    cache.put("a", ALICE, 5_000);
    cache.put("b", ALICE, 5_000);
    cache.put("c", ALICE, 5_000);

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get("c", 0)).isEqualTo(ALICE);
    VerifiedTokens none = new VerifiedTokens(0, 30);
    none.put("a", ALICE, 5_000);
    assertThat(none.get("a", 0)).isNull();
  }

  @Test
  @DisplayName("The verifier caches a token only once it passed every check")
  void onlyVerifiedTokensAreCached() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TokenVerifier verifier = TokenVerifier.create(vertx, new TokenRules(
          List.of(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(TestTokens.SECRET)), TestTokens.ISSUER,
          TestTokens.AUDIENCE, "roles"), RolePermissions.of(Map.of("reader", Set.of("READ_MODEL"))));
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
}
