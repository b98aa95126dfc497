package io.sophra.registry;

import static io.sophra.registry.ClusterConsistencyTest.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MODEL_REGISTRY_MAX_MODELS holds across the cluster")
class ClusterCapTest {

  private static final int MAX = 20;

  private static List<RegistryNode> nodes;
  private static List<Http> clients;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(3, Map.of("MODEL_REGISTRY_MAX_MODELS", String.valueOf(MAX)));
    clients = nodes.stream().map(TestNodes::http).toList();
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("90 concurrent registrations on 3 nodes: exactly max succeed; a deletion frees exactly one slot; a refused duplicate keeps none")
  void exactlyMaxUnderConcurrency() {
    List<Reply> burst = registerConcurrently("burst", 30);

    assertThat(burst).filteredOn(reply -> reply.status() == 201).hasSize(MAX);
    assertThat(burst).filteredOn(reply -> reply.status() != 201)
        .allSatisfy(reply -> assertThat(reply.problemType()).isEqualTo("registry-full"));
    // another node's registrations reach this node's list index within milliseconds (README "Consistency contract")
    await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND)
        .until(() -> clients.get(2).get("/v1/models?limit=1000").json().getJsonArray("items").size() == MAX);

    String first = burst.stream().filter(reply -> reply.status() == 201).findFirst().orElseThrow().json().getString("id");
    String second = burst.stream().filter(reply -> reply.status() == 201).skip(1).findFirst().orElseThrow().json().getString("id");
    assertThat(clients.get(1).delete("/v1/models/" + first).status()).isEqualTo(204);
    for (int i = 0; i < 5; i++) {
      assertThat(clients.get(i % 3).post("/v1/models", model(second)).problemType()).isEqualTo("already-exists");
    }
    List<Reply> refill = registerConcurrently("refill", 10);

    assertThat(refill).filteredOn(reply -> reply.status() == 201).hasSize(1);
    assertThat(refill).filteredOn(reply -> reply.status() != 201)
        .allSatisfy(reply -> assertThat(reply.problemType()).isEqualTo("registry-full"));
    // another node's registrations reach this node's list index within milliseconds (README "Consistency contract")
    await().atMost(ClusterConsistencyTest.VISIBILITY_BOUND)
        .until(() -> clients.get(0).get("/v1/models?limit=1000").json().getJsonArray("items").size() == MAX);
  }

  private static List<Reply> registerConcurrently(String prefix, int perNode) {
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < perNode; i++) {
      for (int node = 0; node < clients.size(); node++) {
        replies.add(clients.get(node).postAsync("/v1/models", model(prefix + "-" + node + "-" + i)));
      }
    }
    return replies.stream().map(CompletableFuture::join).toList();
  }
}
