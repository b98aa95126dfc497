package io.sophra.registry.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.config.JwtSettings;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.TestKeys;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What checking a token not yet cached costs, per algorithm: the whole {@link TokenVerifier#verify}
 * (header, claims, signature, caching) of distinct fresh tokens, one at a time on the calling thread
 * (HS256 runs there; RS256/ES256 hop to the pool and back, so their figure includes the hop). A
 * measurement, not a test: its name keeps it out of the normal run; run it by hand (figures in
 * target/token-verification-times.txt):
 *
 * <pre>mvn -B -q test -Dtest=TokenVerificationMeasurement</pre>
 */
@DisplayName("Cost of verifying a token not yet cached (a measurement run by hand)")
class TokenVerificationMeasurement {

  private static final int ROUNDS = 5;

  @TempDir
  Path dir;

  @Test
  @DisplayName("Median of rounds, microseconds per uncached token, by algorithm")
  void measure() throws Exception {
    KeyPair rsa = TestKeys.rsa(2048);
    KeyPair ec = TestKeys.ec("secp256r1");
    List<PubSecKeyOptions> keys = List.of(TestVerifiers.TEST_SECRET,
        PublicKeys.load(new JwtSettings.PublicKey(Optional.of("rsa"),
            TestKeys.writePem(dir, "rsa.pem", rsa.getPublic()))),
        PublicKeys.load(new JwtSettings.PublicKey(Optional.of("ec"),
            TestKeys.writePem(dir, "ec.pem", ec.getPublic()))));
    Vertx vertx = Vertx.vertx();
    StringBuilder report = new StringBuilder("JDK " + Runtime.version() + ", "
        + Runtime.getRuntime().availableProcessors() + " CPUs; median of " + ROUNDS + " rounds, one token at a time\n");
    try {
      report.append(measure(vertx, keys, "HS256", 20_000, i -> Jwts.secretHs256(Jwts.claims("reader")
          .subject("s" + i).build())));
      report.append(measure(vertx, keys, "RS256", 2_000, i -> Jwts.rsa(Jwts.header(JWSAlgorithm.RS256).keyID("rsa"),
          Jwts.claims("reader").subject("s" + i).build(), rsa.getPrivate())));
      report.append(measure(vertx, keys, "ES256", 1_000, i -> Jwts.ec(Jwts.header(JWSAlgorithm.ES256).keyID("ec"),
          Jwts.claims("reader").subject("s" + i).build(), ec.getPrivate())));
    } finally {
      vertx.close();
    }
    System.out.print(report);
    Files.writeString(Path.of("target", "token-verification-times.txt"), report);
  }

  private static String measure(Vertx vertx, List<PubSecKeyOptions> keys, String algorithm, int count,
      IntFunction<String> mint) throws Exception {
    double[] micros = new double[ROUNDS];
    for (int round = -1; round < ROUNDS; round++) {
      List<String> tokens = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        tokens.add(mint.apply(round * count + i));
      }
      TokenVerifier verifier = TestVerifiers.create(vertx, TestVerifiers.rules(keys), new VerifierPool(1, count),
          new SimpleMeterRegistry());
      long start = System.nanoTime();
      for (String token : tokens) {
        verifier.verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      if (round >= 0) {
        micros[round] = (System.nanoTime() - start) / 1000.0 / count;
      }
    }
    Arrays.sort(micros);
    return String.format("%s: %.1f µs per token (rounds %s)%n", algorithm, micros[ROUNDS / 2], Arrays.toString(
        Arrays.stream(micros).map(value -> Math.round(value * 10) / 10.0).toArray()));
  }
}
