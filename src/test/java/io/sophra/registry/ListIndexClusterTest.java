package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Lists come from each node's local index: another node's writes appear in it once their entry
 * events arrive (bounded here as every read-after-write in the suite), a node's own writes at once.
 */
@DisplayName("Lists on two nodes: others' writes within the bound, one's own writes at once")
class ListIndexClusterTest {

  /** Hazelcast's default {@code hazelcast.event.thread.count}, which the registry does not change. */
  private static final int EVENT_THREADS = 5;

  private static List<RegistryNode> nodes;
  private static Http a;
  private static Http b;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(2, Map.of());
    a = TestNodes.http(nodes.get(0));
    b = TestNodes.http(nodes.get(1));
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  private static List<String> ids(Http node, String query) {
    Reply reply = node.get("/v1/models?limit=1000&" + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  private static String model(String id, String baseModel) {
    return "{\"id\":\"" + id + "\",\"baseModel\":\"" + baseModel + "\",\"version\":\"1.0.0\"}";
  }

  @Test
  @DisplayName("A registration, a status change and a deletion on A show in B's filtered lists within the bound")
  void otherNodesWrites() {
    for (int i = 0; i < 10; i++) {
      String id = "seen-" + i;
      assertThat(a.post("/v1/models", model(id, "seen-base")).status()).isEqualTo(201);
      await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND).pollInterval(Duration.ofMillis(5))
          .until(() -> ids(b, "baseModel=seen-base").contains(id));
      assertThat(a.patch("/v1/models/" + id, "{\"status\":\"ready\"}").status()).isEqualTo(200);
      await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND).pollInterval(Duration.ofMillis(5))
          .until(() -> ids(b, "baseModel=seen-base&status=ready").contains(id));
      assertThat(a.delete("/v1/models/" + id).status()).isEqualTo(204);
      await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND).pollInterval(Duration.ofMillis(5))
          .until(() -> !ids(b, "baseModel=seen-base").contains(id));
    }
  }

  /**
   * Every Hazelcast event thread of node A is held (a listener waits on each one, fed gate models
   * until all are taken), so no entry event reaches A's index meanwhile: only the write's own update
   * of the index can show it.
   */
  @Test
  @DisplayName("A write answered on a node is in that node's next list, with no wait, even before any event arrives")
  void readYourWrites() throws Exception {
    HazelcastInstance hazelcast = nodes.get(0).hazelcast();
    IMap<String, ModelConfig> models = hazelcast.getMap(GridModelRegistry.MAP_NAME);
    Set<Thread> held = ConcurrentHashMap.newKeySet();
    CountDownLatch release = new CountDownLatch(1);
    UUID blocker = models.addEntryListener((EntryAddedListener<String, ModelConfig>) event -> {
      if (event.getKey().startsWith("ryw-gate-") && held.add(Thread.currentThread())) {
        awaitQuietly(release);
      }
    }, false);
    try {
      for (int gate = 0; gate < 200 && held.size() < EVENT_THREADS; gate++) {
        assertThat(a.post("/v1/models", model("ryw-gate-" + gate, "gate-base")).status()).isEqualTo(201);
        Thread.sleep(20);
      }
      assertThat(held).hasSize(EVENT_THREADS);
      for (int i = 0; i < 10; i++) {
        String id = "ryw-" + i;
        assertThat(a.post("/v1/models", model(id, "ryw-base")).status()).isEqualTo(201);
        assertThat(ids(a, "baseModel=ryw-base")).contains(id);
        assertThat(a.patch("/v1/models/" + id, "{\"status\":\"training\"}").status()).isEqualTo(200);
        assertThat(ids(a, "baseModel=ryw-base&status=training")).contains(id);
        assertThat(ids(a, "baseModel=ryw-base&status=initializing")).doesNotContain(id);
        assertThat(a.delete("/v1/models/" + id).status()).isEqualTo(204);
        assertThat(ids(a, "baseModel=ryw-base")).doesNotContain(id);
      }
    } finally {
      release.countDown();
      models.removeEntryListener(blocker);
    }
    await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND).until(() -> ids(b, "baseModel=ryw-base").isEmpty()
        && ids(a, "baseModel=ryw-base").isEmpty() && ids(a, "baseModel=gate-base").size() == ids(b, "baseModel=gate-base").size());
  }

  /**
   * A deletion leaves a tombstone of the incarnation in every node's index (so that a late event of
   * it cannot bring it back); restoring the deleted model from a backup puts that same incarnation
   * back, as a split-brain merge does when the other side still held it (PartitionIT found the
   * majority's lists missing such a model after a merge). The lists must show it again.
   */
  @Test
  @DisplayName("A deleted model restored from a backup (the same incarnation back) is in every node's list again")
  void incarnationBack() {
    String id = "back-1";
    assertThat(a.post("/v1/models", model(id, "back-base")).status()).isEqualTo(201);
    assertThat(a.patch("/v1/models/" + id, "{\"status\":\"ready\"}").status()).isEqualTo(200);
    JsonObject saved = a.get("/v1/models/" + id).json();
    JsonObject backup = new JsonObject();
    for (String field : List.of("id", "baseModel", "version", "parameters", "metadata", "status", "uid", "revision",
        "createdAt", "updatedAt")) {
      backup.put(field, saved.getValue(field));
    }
    await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND).until(() -> ids(b, "baseModel=back-base").contains(id));
    assertThat(a.delete("/v1/models/" + id).status()).isEqualTo(204);
    await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND).until(() -> ids(a, "baseModel=back-base").isEmpty()
        && ids(b, "baseModel=back-base").isEmpty());
    Reply restored = b.send("POST", "/v1/import", new JsonObject().put("kind", "model").put("model", backup).encode()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "Content-Type", "application/x-ndjson");
    assertThat(restored.status()).as(restored.body()).isEqualTo(200);
    assertThat(b.get("/v1/models/" + id).status()).isEqualTo(200);
    await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND).until(() -> ids(a, "baseModel=back-base&status=ready")
        .contains(id) && ids(b, "baseModel=back-base&status=ready").contains(id));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
