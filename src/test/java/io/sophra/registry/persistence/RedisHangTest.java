package io.sophra.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.partition.PartitionService;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.ModelStores;
import io.sophra.registry.support.RedisServer;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A frozen Redis (SIGSTOP) holds up writes only, and leaves the grid and Redis agreeing afterwards")
class RedisHangTest {

  /** Far above any scheduling hiccup, far below the stall the writes cause in the first test. */
  private static final Duration READ_BOUND = Duration.ofSeconds(10);

  private RedisServer redis;
  private RegistryNode node;

  private Http start(String commandTimeout) {
    redis = RedisServer.start();
    Map<String, String> settings = new HashMap<>(redis.registrySettings());
    settings.put("MODEL_REGISTRY_REDIS_COMMAND_TIMEOUT", commandTimeout);
    node = TestNodes.single(settings);
    return TestNodes.http(node);
  }

  @AfterEach
  void stop() {
    try {
      if (redis != null) {
        redis.resume();
      }
      TestNodes.stop(node);
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static String model(String id) {
    return new JsonObject().put("id", id).put("baseModel", "sophra-base").put("version", "1.0.0").encode();
  }

  @Test
  @DisplayName("While writes wait on a frozen Redis, Near Cache reads of models in the very same partitions still answer")
  void nearCacheReadsAnswerWhileRedisHangs() throws Exception {
    // a long command timeout keeps the stalled writes holding their partitions for the whole test
    Http http = start("60s");
    List<JsonObject> models = new ArrayList<>();
    List<String> stallers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      models.add(http.post("/v1/models", model("hang-" + i)).json());
      assertThat(http.get("/v1/models/hang-" + i).status()).isEqualTo(200);
      String staller = samePartition("hang-" + i);
      assertThat(http.post("/v1/models", model(staller)).status()).isEqualTo(201);
      stallers.add(staller);
    }

    redis.pause();
    List<CompletableFuture<Reply>> writes = new ArrayList<>();
    for (String staller : stallers) {
      writes.add(http.patchAsync("/v1/models/" + staller, """
          {"status":"training"}"""));
    }
    for (CompletableFuture<Reply> write : writes) {
      assertThat(write.get(30, TimeUnit.SECONDS).status()).as("a write waiting on frozen Redis").isEqualTo(503);
    }

    CompletableFuture<List<Object>> reads = CompletableFuture.supplyAsync(() -> {
      List<Object> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(http.get("/v1/models/hang-" + i).json());
        answers.add(node.registry().getModel(Caller.system("test"), new ModelId("hang-" + i))
            .toCompletionStage().toCompletableFuture().join());
      }
      return answers;
    });
    List<Object> answers = reads.get(READ_BOUND.toMillis(), TimeUnit.MILLISECONDS);

    for (int i = 0; i < 20; i++) {
      assertThat(answers.get(2 * i)).isEqualTo(models.get(i));
      assertThat(((ModelConfig) answers.get(2 * i + 1)).revision()).isEqualTo(1);
    }

    redis.resume();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(ModelStores.redis(redis.commands())).isEqualTo(ModelStores.grid(node)));
  }

  /** Another model id whose key lives in the same Hazelcast partition as {@code id}. */
  private String samePartition(String id) {
    PartitionService partitions = node.hazelcast().getPartitionService();
    int partition = partitions.getPartition(id).getPartitionId();
    for (int n = 0; ; n++) {
      String candidate = id + "-staller-" + n;
      if (partitions.getPartition(candidate).getPartitionId() == partition) {
        return candidate;
      }
    }
  }

  @Test
  @DisplayName("Writes that time out but reach Redis once it resumes are undone in Redis: both sides keep the grid's values")
  void lateWritesAreRepaired() {
    Http http = start("300ms");
    JsonObject updated = http.post("/v1/models", model("late-update")).json();
    JsonObject deleted = http.post("/v1/models", model("late-delete")).json();

    redis.pause();
    Reply update = http.patch("/v1/models/late-update", """
        {"status":"training"}""");
    Reply delete = http.delete("/v1/models/late-delete");
    Reply register = http.post("/v1/models", model("late-register"));

    assertThat(List.of(update, delete, register)).allSatisfy(reply -> {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      assertThat(reply.json().getString("detail")).contains("Redis is unavailable (no answer within 300 ms)");
    });
    redis.resume();

    Map<String, JsonObject> expected = Map.of("late-update", updated, "late-delete", deleted);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(ModelStores.grid(node)).isEqualTo(expected);
      assertThat(ModelStores.redis(redis.commands())).isEqualTo(expected);
    });
  }
}
