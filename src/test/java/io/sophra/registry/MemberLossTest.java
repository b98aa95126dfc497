package io.sophra.registry;

import static io.sophra.registry.ClusterConsistencyTest.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Losing one of three members")
class MemberLossTest {

  private static final int MODELS = 300;

  private List<RegistryNode> nodes;

  @BeforeEach
  void startCluster() {
    nodes = TestNodes.cluster(3, Map.of());
  }

  @AfterEach
  void stopCluster() {
    for (RegistryNode node : nodes) {
      try {
        Futures.await(node.stop());
      } catch (RuntimeException e) {
        // the crashed member's Vert.x may fail to leave a cluster it is no longer part of
      }
    }
  }

  @Test
  @DisplayName("A member that crashes takes no model with it: the other two hold every model at its last revision")
  void crashLosesNothing() {
    Map<String, Long> written = writeModels();

    nodes.get(1).hazelcast().getLifecycleService().terminate();

    for (RegistryNode survivor : List.of(nodes.get(0), nodes.get(2))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> survivor.hazelcast().getCluster().getMembers().size() == 2);
      assertThat(revisionsOn(TestNodes.http(survivor))).isEqualTo(written);
      assertThat(storedRevisions(survivor, written)).as("the grid's own replicas, not this node's list index")
          .isEqualTo(written);
    }
    Http crashed = TestNodes.http(nodes.get(1));
    Reply ready = crashed.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body()).contains("not a cluster member");
    assertThat(TestNodes.http(nodes.get(2)).patch("/v1/models/loss-7", "{\"status\":\"ready\"}").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A member that shuts down hands its data over: the other two hold every model")
  void gracefulLeaveLosesNothing() {
    Map<String, Long> written = writeModels();

    Futures.await(nodes.get(0).stop());

    for (RegistryNode survivor : List.of(nodes.get(1), nodes.get(2))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> survivor.hazelcast().getCluster().getMembers().size() == 2);
      assertThat(revisionsOn(TestNodes.http(survivor))).isEqualTo(written);
    }
  }

  /** Registers MODELS models through all three nodes and updates every third; answers id → revision. */
  private Map<String, Long> writeModels() {
    Map<String, Long> written = new HashMap<>();
    for (int i = 0; i < MODELS; i++) {
      Http http = TestNodes.http(nodes.get(i % 3));
      String id = "loss-" + i;
      assertThat(http.post("/v1/models", model(id)).status()).isEqualTo(201);
      long revision = 1;
      if (i % 3 == 0) {
        revision = http.patch("/v1/models/" + id, "{\"status\":\"training\"}").json().getLong("revision");
      }
      written.put(id, revision);
    }
    return written;
  }

  /**
   * Each model's revision as the grid holds it now, read at the key's owner (an entry view passes by
   * the Near Cache): for the crashed member's keys, what their backups held.
   */
  private static Map<String, Long> storedRevisions(RegistryNode node, Map<String, Long> written) {
    var models = node.hazelcast().<String, ModelConfig>getMap(GridModelRegistry.MAP_NAME);
    Map<String, Long> found = new HashMap<>();
    written.keySet().forEach(id -> found.put(id, models.getEntryView(id).getValue().revision()));
    return found;
  }

  private static Map<String, Long> revisionsOn(Http http) {
    Map<String, Long> found = new HashMap<>();
    String cursor = null;
    do {
      JsonObject page = http.get("/v1/models?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      JsonArray items = page.getJsonArray("items");
      items.stream().map(JsonObject.class::cast).forEach(item -> found.put(item.getString("id"), item.getLong("revision")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return found;
  }
}
