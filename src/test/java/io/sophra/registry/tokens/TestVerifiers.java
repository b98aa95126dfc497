package io.sophra.registry.tokens;

import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.security.RolePermissions;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Verifiers built as a node builds them, with the test issuer and audience and role reader → READ_MODEL. */
final class TestVerifiers {

  static final PubSecKeyOptions TEST_SECRET = new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(TestTokens.SECRET);

  private TestVerifiers() {
  }

  static TokenRules rules(List<PubSecKeyOptions> keys) {
    return new TokenRules(keys, TestTokens.ISSUER, TestTokens.AUDIENCE, "roles", Duration.ofHours(24), Optional.empty());
  }

  static TokenVerifier create(Vertx vertx, TokenRules rules, VerifierPool pool, MeterRegistry meters) {
    return TokenVerifier.create(vertx, rules, RolePermissions.of(Map.of("reader", Set.of("READ_MODEL"))), pool, meters);
  }
}
