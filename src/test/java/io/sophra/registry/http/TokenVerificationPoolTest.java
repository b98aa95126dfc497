package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import io.micrometer.core.instrument.Meter;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.TestKeys;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.sophra.registry.tokens.TokenVerifier;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node whose pool for RS256/ES256 checks has one thread and no queue. The test takes that thread
 * itself (a task on the same shared worker pool that waits for a latch), so the pool is full for as
 * long as the test wants, without any timing.
 */
@DisplayName("New RS256/ES256 tokens are checked on a bounded pool off the event loop; a full pool answers 503 at once")
class TokenVerificationPoolTest {

  private static final KeyPair EC = TestKeys.ec("secp256r1");
  private static RegistryNode node;
  private static Http anonymous;

  @BeforeAll
  static void startNode() throws Exception {
    var pem = TestKeys.writePem(Files.createTempDirectory("pool-keys"), "ec.pem", EC.getPublic());
    node = TestNodes.single(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", "ec-1=" + pem,
        "MODEL_REGISTRY_JWT_VERIFY_THREADS", "1", "MODEL_REGISTRY_JWT_VERIFY_QUEUE", "0"));
    anonymous = new Http(TestNodes.url(node));
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static String ecToken(String subject) {
    return "Bearer " + Jwts.ec(Jwts.header(JWSAlgorithm.ES256).keyID("ec-1"), Jwts.claims("admin").subject(subject)
        .build(), EC.getPrivate());
  }

  @Test
  @DisplayName("With the pool taken: one check waits its turn, the next gets 503 with Retry-After and is counted,"
      + " HS256 is still checked inline; once free, the waiting one succeeds")
  void fullPool() throws Exception {
    WorkerExecutor sameWorkers = node.vertx().createSharedWorkerExecutor(TokenVerifier.WORKER_POOL, 1);
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    sameWorkers.executeBlocking(() -> {
      taken.countDown();
      return release.await(30, TimeUnit.SECONDS);
    });
    CompletableFuture<Reply> waiting;
    try {
      assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
      waiting = anonymous.getAsync("/v1/models", "Authorization", ecToken("first"));
      await().atMost(Duration.ofSeconds(10)).until(() -> queuedChecks() == 1);

      Reply refused = anonymous.get("/v1/models", "Authorization", ecToken("second"));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.problemType()).isEqualTo("unavailable");
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.json().getString("detail")).contains("too many new tokens");
      assertThat(busyCount()).isEqualTo(1.0);
      assertThat(anonymous.get("/metrics").body()).contains("registry_token_verification_busy_total 1.0");

      assertThat(anonymous.get("/v1/models", "Authorization", "Bearer " + TestTokens.admin()).status())
          .as("HS256 does not need the pool").isEqualTo(200);
      assertThat(waiting).isNotDone();
    } finally {
      release.countDown();
      sameWorkers.close();
    }
    assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(anonymous.get("/v1/models", "Authorization", ecToken("second")).status()).isEqualTo(200);
  }

  /** Tasks waiting in the verification pool's queue, from Vert.x's own pool metrics. */
  private static double queuedChecks() {
    return node.meters().getMeters().stream()
        .filter(meter -> meter.getId().getName().equals("vertx.pool.queue.pending"))
        .filter(meter -> TokenVerifier.WORKER_POOL.equals(meter.getId().getTag("pool_name")))
        .mapToDouble(TokenVerificationPoolTest::value).sum();
  }

  private static double busyCount() {
    return node.meters().get("registry.token.verification.busy").counter().count();
  }

  private static double value(Meter meter) {
    return meter.measure().iterator().next().getValue();
  }
}
