package io.sophra.registry;

import static io.sophra.registry.ClusterConsistencyTest.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.map.IMap;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MODEL_REGISTRY_REQUEST_TIMEOUT bounds every request")
class RequestDeadlineTest {

  private static final int MAX = 5;

  private static List<RegistryNode> nodes;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(2, Map.of("MODEL_REGISTRY_REQUEST_TIMEOUT", "500ms",
        "MODEL_REGISTRY_MAX_MODELS", String.valueOf(MAX)));
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("A write whose key's owner cannot run it answers 503 with Retry-After at the deadline, and may still land"
      + " later, visible then even on the node that read the model while the write was held")
  void stuckWriteAnswers503() {
    Http b = TestNodes.http(nodes.get(1));
    assertThat(b.post("/v1/models", model("held")).status()).isEqualTo(201);
    IMap<String, Object> models = nodes.get(0).hazelcast().getMap(GridModelRegistry.MAP_NAME);
    models.lock("held");
    Reply stuck;
    long took;
    try {
      long start = System.nanoTime();
      stuck = b.patch("/v1/models/held", "{\"status\":\"ready\"}");
      took = (System.nanoTime() - start) / 1_000_000;

      assertThat(b.get("/v1/models/held").status()).isEqualTo(200);
    } finally {
      models.unlock("held");
    }

    assertThat(stuck.status()).isEqualTo(503);
    assertThat(stuck.problemType()).isEqualTo("unavailable");
    assertThat(stuck.header("Retry-After")).isEqualTo("1");
    assertThat(stuck.json().getString("detail")).contains("outcome is unknown");
    assertThat(took).as("ms until the answer; Hazelcast's own call timeout is 60 s").isLessThan(10_000);
    await().atMost(Duration.ofSeconds(10)).until(() -> b.get("/v1/models/held").json().getLong("revision") == 2);
  }

  @Test
  @DisplayName("A registration answered 503 gives its cap slot back once the grid says it did not happen")
  void lateAnswerSettlesTheSlot() {
    Http a = TestNodes.http(nodes.get(0));
    assertThat(a.post("/v1/models", model("dup")).status()).isEqualTo(201);
    IMap<String, Object> models = nodes.get(1).hazelcast().getMap(GridModelRegistry.MAP_NAME);
    models.lock("dup");
    Reply stuck;
    try {
      stuck = a.post("/v1/models", model("dup"));
    } finally {
      models.unlock("dup");
    }
    assertThat(stuck.status()).isEqualTo(503);

    AtomicInteger next = new AtomicInteger();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      a.post("/v1/models", model("fill-" + next.getAndIncrement()));
      return a.get("/v1/models?limit=100").json().getJsonArray("items").size() == MAX;
    });
    assertThat(a.post("/v1/models", model("one-too-many")).problemType()).isEqualTo("registry-full");

    a.get("/v1/models?limit=100").json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(item -> item.getString("id")).filter(id -> !id.equals("held"))
        .forEach(id -> assertThat(a.delete("/v1/models/" + id).status()).isEqualTo(204));
  }
}
