package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Three members behave as one registry")
class ClusterConsistencyTest {

  /** The read-after-write bound this test holds the cluster to (measured: milliseconds; see ReadAfterWriteBoundTest). */
  static final Duration VISIBILITY_BOUND = Duration.ofSeconds(5);

  private static List<RegistryNode> nodes;
  private static Http a;
  private static Http b;
  private static Http c;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(3, Map.of());
    a = TestNodes.http(nodes.get(0));
    b = TestNodes.http(nodes.get(1));
    c = TestNodes.http(nodes.get(2));
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("A model registered on A is readable on B and C; an update on B is visible on A within the bound")
  void registeredOnAReadableEverywhere() {
    Reply registered = a.post("/v1/models", model("spread"));
    assertThat(registered.status()).isEqualTo(201);
    assertThat(a.get("/v1/models/spread").status()).isEqualTo(200);

    assertThat(b.get("/v1/models/spread").json()).isEqualTo(registered.json());
    assertThat(c.get("/v1/models/spread").json()).isEqualTo(registered.json());

    Reply updated = b.patch("/v1/models/spread", "{\"status\":\"ready\"}", "If-Match", registered.header("ETag"));
    assertThat(updated.status()).isEqualTo(200);
    await().atMost(VISIBILITY_BOUND).pollInterval(Duration.ofMillis(5))
        .until(() -> a.get("/v1/models/spread").json().getLong("revision") == 2);
    assertThat(a.get("/v1/models/spread").json()).isEqualTo(updated.json());
    assertThat(a.get("/v1/models/spread").header("ETag")).isEqualTo(updated.header("ETag"));
  }

  @Test
  @DisplayName("The same id registered concurrently on A, B and C: exactly one registration succeeds")
  void concurrentRegistrationOfOneId() {
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (Http node : List.of(a, b, c)) {
        replies.add(node.postAsync("/v1/models", model("contested")));
      }
    }
    List<Reply> all = replies.stream().map(CompletableFuture::join).toList();

    assertThat(all).filteredOn(reply -> reply.status() == 201).hasSize(1);
    assertThat(all).filteredOn(reply -> reply.status() != 201)
        .allSatisfy(reply -> assertThat(reply.problemType()).isEqualTo("already-exists"));
    String winnerUid = all.stream().filter(reply -> reply.status() == 201).findFirst().orElseThrow().json().getString("uid");
    for (Http node : List.of(a, b, c)) {
      assertThat(node.get("/v1/models/contested").json().getString("uid")).isEqualTo(winnerUid);
    }
  }

  @Test
  @DisplayName("3 nodes × 30 concurrent If-Match read-modify-write PATCHes of one model lose no update")
  void noLostUpdate() throws Exception {
    assertThat(a.post("/v1/models", model("counter")).status()).isEqualTo(201);
    int writersPerNode = 30;
    ExecutorService pool = Executors.newFixedThreadPool(3 * writersPerNode);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<int[]>> results = new ArrayList<>();
    try {
      for (Http node : List.of(a, b, c)) {
        for (int i = 0; i < writersPerNode; i++) {
          results.add(pool.submit(() -> {
            go.await();
            return incrementOnce(node);
          }));
        }
      }
      go.countDown();
      int successes = 0;
      int mismatches = 0;
      for (Future<int[]> result : results) {
        int[] counts = result.get(2, TimeUnit.MINUTES);
        successes += counts[0];
        mismatches += counts[1];
      }

      JsonObject last = c.get("/v1/models/counter").json();
      assertThat(successes).isEqualTo(3 * writersPerNode);
      assertThat(last.getLong("revision")).isEqualTo(1L + successes);
      assertThat(last.getJsonObject("metadata").getInteger("count")).isEqualTo(successes);
      System.out.printf("IF-MATCH RACE: %d writers on 3 nodes, %d updates applied, %d refused with 412, final revision %d%n",
          3 * writersPerNode, successes, mismatches, last.getLong("revision"));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads the counter and writes it + 1 with If-Match until one write is accepted; answers {successes, 412s}. */
  private static int[] incrementOnce(Http node) {
    int mismatches = 0;
    for (int attempt = 0; attempt < 1000; attempt++) {
      Reply read = node.get("/v1/models/counter");
      int count = read.json().getJsonObject("metadata").getInteger("count", 0);
      Reply write = node.patch("/v1/models/counter", "{\"metadata\":{\"count\":" + (count + 1) + "}}",
          "If-Match", read.header("ETag"));
      if (write.status() == 200) {
        return new int[] {1, mismatches};
      }
      assertThat(write.status()).as(write.body()).isEqualTo(412);
      mismatches++;
    }
    return new int[] {0, mismatches};
  }

  static String model(String id) {
    return "{\"id\":\"" + id + "\",\"baseModel\":\"base\",\"version\":\"1.0.0\"}";
  }
}
