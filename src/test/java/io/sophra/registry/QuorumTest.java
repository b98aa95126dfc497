package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.support.BlockedThreadGuard;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Split-brain protection with MODEL_REGISTRY_CLUSTER_SIZE=3: a member that sees fewer than two
 * members refuses to read or write models. Members leave gracefully here; the process-level
 * PartitionIT cuts the network for real.
 */
@DisplayName("Split-brain protection (cluster size 3)")
class QuorumTest {

  private static final Map<String, String> SIZE_3 = Map.of("MODEL_REGISTRY_CLUSTER_SIZE", "3");

  private final List<RegistryNode> running = new ArrayList<>();

  @AfterEach
  void stop() {
    for (RegistryNode node : running) {
      try {
        Futures.await(node.stop());
      } catch (RuntimeException e) {
        // stopped by the test already
      }
    }
  }

  @Test
  @DisplayName("A member left alone answers 503 for reads (even Near Cache hits) and writes, and /health/ready 503 no-quorum; a second member brings it back")
  void aloneRefusesThenRecovers() {
    List<RegistryConfig> configs = TestNodes.configs(4, SIZE_3);
    List<RegistryNode> nodes = TestNodes.together(configs.subList(0, 3));
    running.addAll(nodes);
    Http survivor = TestNodes.http(nodes.get(0));
    assertThat(survivor.post("/v1/models", "{\"id\":\"q-1\",\"baseModel\":\"b\",\"version\":\"1\"}").status()).isEqualTo(201);
    assertThat(survivor.get("/v1/models/q-1").status()).isEqualTo(200);

    Futures.await(nodes.get(1).stop());
    assertThat(survivor.patch("/v1/models/q-1", "{\"status\":\"training\"}").status())
        .as("two of three members are a majority").isEqualTo(200);
    Futures.await(nodes.get(2).stop());
    await().atMost(Duration.ofSeconds(10)).until(() -> survivor.get("/health/ready").status() == 503);

    Reply read = survivor.get("/v1/models/q-1");
    assertThat(read.status()).as("a read the Near Cache could answer: " + read).isEqualTo(503);
    assertThat(read.json().getString("type")).isEqualTo("urn:model-registry:problem:unavailable");
    assertThat(read.json().getString("detail")).contains("sees 1 cluster member(s) and needs 2");
    assertThat(read.header("Retry-After")).isEqualTo("1");
    assertThat(survivor.get("/v1/models").status()).isEqualTo(503);
    assertThat(survivor.post("/v1/models/_batchGet", "{\"ids\":[\"q-1\"]}").status()).isEqualTo(503);
    assertThat(survivor.patch("/v1/models/q-1", "{\"status\":\"ready\"}").status()).isEqualTo(503);
    assertThat(survivor.post("/v1/models", "{\"id\":\"q-2\",\"baseModel\":\"b\",\"version\":\"1\"}").status()).isEqualTo(503);
    assertThat(survivor.delete("/v1/models/q-1").status()).isEqualTo(503);
    assertThat(survivor.get("/v1/audit").status()).isEqualTo(503);
    Reply ready = survivor.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.body()).contains("\"reason\":\"no-quorum\"");

    running.add(TestNodes.start(configs.get(3)));
    await().atMost(Duration.ofSeconds(30)).until(() -> survivor.get("/health/ready").status() == 200);
    Reply after = survivor.get("/v1/models/q-1");
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().getString("status")).as("the refused PATCH changed nothing").isEqualTo("training");
    assertThat(survivor.get("/v1/models/q-2").status()).as("the refused registration stored nothing").isEqualTo(404);
  }

  @Test
  @DisplayName("A member of a three-member cluster that starts alone is not ready until a second member joins")
  void startUpWaitsForAMajority() {
    List<RegistryConfig> configs = TestNodes.configs(3, SIZE_3);
    Future<RegistryNode> first = RegistryNode.start(configs.get(0), BlockedThreadGuard.options());
    first.onSuccess(running::add);

    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !first.isComplete());
    RegistryNode second = TestNodes.start(configs.get(1));
    running.add(second);

    assertThat(Futures.await(first).readiness().isReady()).isTrue();
    assertThat(second.readiness().isReady()).isTrue();
  }
}
