package io.sophra.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.ModelStores;
import io.sophra.registry.support.RedisServer;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A whole cluster stopped and a new one started on the same Redis has every model back, revision for revision")
class RedisRestartTest {

  private static final int MODELS = 5_000;
  private static final int UPDATED = 500;
  private static final int UPDATED_TWICE = 100;
  private static final int DELETED = 250;
  private static final int IN_FLIGHT = 16;

  private RedisServer redis;
  private final List<RegistryNode> running = new ArrayList<>();

  @AfterEach
  void stop() {
    try {
      TestNodes.stop(running);
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static String model(int i) {
    return new JsonObject().put("id", "restart-" + i).put("baseModel", "base-" + (i % 7)).put("version", "1." + i + ".0")
        .put("parameters", new JsonObject().put("dimension", 64 + i).put("name", "model number " + i))
        .put("metadata", new JsonObject().put("owner", "team-" + (i % 13))).encode();
  }

  /** Sends {@code count} requests, {@link #IN_FLIGHT} at a time, and checks each status. */
  private static void send(int count, int expectedStatus, IntFunction<CompletableFuture<Reply>> request) {
    for (int from = 0; from < count; from += IN_FLIGHT) {
      List<CompletableFuture<Reply>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + IN_FLIGHT); i++) {
        batch.add(request.apply(i));
      }
      batch.forEach(reply -> assertThat(reply.join().status()).as(reply.join().toString()).isEqualTo(expectedStatus));
    }
  }

  @Test
  @DisplayName("5,000 registered, 500 updated, 250 deleted, every node stopped (and Redis restarted): a new node holds exactly the same models")
  void fullRestart() {
    redis = RedisServer.start();
    List<RegistryNode> first = TestNodes.cluster(2, redis.registrySettings());
    running.addAll(first);
    Http[] http = {TestNodes.http(first.get(0)), TestNodes.http(first.get(1))};

    long started = System.nanoTime();
    send(MODELS, 201, i -> http[i % 2].postAsync("/v1/models", model(i)));
    long registered = System.nanoTime();
    send(UPDATED, 200, i -> http[i % 2].patchAsync("/v1/models/restart-" + i, """
        {"status":"training","metadata":{"epoch":1}}"""));
    send(UPDATED_TWICE, 200, i -> http[i % 2].patchAsync("/v1/models/restart-" + i, """
        {"status":"ready","parameters":{"name":null}}"""));
    send(DELETED, 204, i -> CompletableFuture.completedFuture(http[i % 2].delete("/v1/models/restart-" + (MODELS - 1 - i))));

    Map<String, JsonObject> before = ModelStores.grid(first.get(0));
    assertThat(before).hasSize(MODELS - DELETED);
    assertThat(before.get("restart-0").getLong("revision")).isEqualTo(3);
    assertThat(before.get("restart-" + UPDATED_TWICE).getLong("revision")).isEqualTo(2);
    assertThat(before.get("restart-" + UPDATED).getLong("revision")).isEqualTo(1);
    assertThat(ModelStores.redis(redis.commands())).isEqualTo(before);

    TestNodes.stop(first);
    running.clear();
    redis.restart();

    long restarting = System.nanoTime();
    RegistryNode second = TestNodes.single(redis.registrySettings());
    running.add(second);
    long restarted = System.nanoTime();
    System.out.printf("RESTART FIGURES: %d registrations over HTTP (2 nodes, %d in flight) in %d ms;"
            + " new node with %d models from Redis ready in %d ms%n", MODELS, IN_FLIGHT,
        (registered - started) / 1_000_000, before.size(), (restarted - restarting) / 1_000_000);

    assertThat(ModelStores.grid(second)).isEqualTo(before);
    Http again = TestNodes.http(second);
    assertThat(again.get("/health/ready").status()).isEqualTo(200);
    Reply read = again.get("/v1/models/restart-0");
    assertThat(read.json()).isEqualTo(before.get("restart-0"));
    assertThat(read.header("ETag")).isEqualTo("\"" + before.get("restart-0").getString("uid") + ".3\"");
    assertThat(again.get("/v1/models/restart-" + (MODELS - 1)).status()).isEqualTo(404);

    // the cluster-wide count was set from the loaded models: exactly DELETED more fit under the cap of 5,000
    send(DELETED, 201, i -> again.postAsync("/v1/models", model(MODELS + i)));
    Reply full = again.post("/v1/models", model(2 * MODELS));
    assertThat(full.status()).isEqualTo(409);
    assertThat(full.problemType()).isEqualTo("registry-full");
  }
}
