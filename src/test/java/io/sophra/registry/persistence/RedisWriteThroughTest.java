package io.sophra.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.RedisServer;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("With MODEL_REGISTRY_PERSISTENCE=redis every acknowledged write is in Redis")
class RedisWriteThroughTest {

  private static RedisServer redis;
  private static RegistryNode node;
  private static Http http;
  private static RedisCommands<String, String> redisCli;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    try {
      node = TestNodes.single(redis.registrySettings());
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
    http = TestNodes.http(node);
    redisCli = redis.commands();
  }

  @AfterAll
  static void stop() {
    try {
      TestNodes.stop(node);
    } finally {
      redis.close();
    }
  }

  private static JsonObject inRedis(String id) {
    String value = redisCli.get("model-registry:model:" + id);
    return value == null ? null : new JsonObject(value);
  }

  @Test
  @DisplayName("Right after a 201 a plain Redis client reads the model, in its one JSON form, at its key")
  void registrationIsInRedis() {
    Reply created = http.post("/v1/models", """
        {"id":"wt-register","baseModel":"sophra-base","version":"1.0.0",
         "parameters":{"embeddingDimension":768,"layers":[1,2]},"metadata":{"team":"search"}}""");

    assertThat(created.status()).isEqualTo(201);
    assertThat(inRedis("wt-register")).isEqualTo(created.json());
    assertThat(inRedis("wt-register").getLong("revision")).isEqualTo(1);
    assertThat(inRedis("wt-register").getString("uid")).isEqualTo(created.json().getString("uid"));
  }

  @Test
  @DisplayName("An update is in Redis at its new revision as soon as it is answered")
  void updateIsInRedis() {
    http.post("/v1/models", """
        {"id":"wt-update","baseModel":"sophra-base","version":"1.0.0"}""");

    Reply updated = http.patch("/v1/models/wt-update", """
        {"status":"training","metadata":{"run":42}}""");

    assertThat(updated.status()).isEqualTo(200);
    assertThat(inRedis("wt-update")).isEqualTo(updated.json());
    assertThat(inRedis("wt-update").getLong("revision")).isEqualTo(2);
    assertThat(inRedis("wt-update").getString("status")).isEqualTo("training");
  }

  @Test
  @DisplayName("A delete removes the model's Redis key")
  void deleteRemovesTheKey() {
    http.post("/v1/models", """
        {"id":"wt-delete","baseModel":"sophra-base","version":"1.0.0"}""");
    assertThat(redisCli.exists("model-registry:model:wt-delete")).isEqualTo(1);

    Reply deleted = http.delete("/v1/models/wt-delete");

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(redisCli.exists("model-registry:model:wt-delete")).isZero();
  }

  @Test
  @DisplayName("A refused write (already exists, wrong If-Match) leaves Redis as it was")
  void refusedWritesDoNotReachRedis() {
    JsonObject original = http.post("/v1/models", """
        {"id":"wt-refused","baseModel":"sophra-base","version":"1.0.0"}""").json();

    Reply duplicate = http.post("/v1/models", """
        {"id":"wt-refused","baseModel":"other","version":"9.9.9"}""");
    Reply stale = http.patch("/v1/models/wt-refused", """
        {"version":"2.0.0"}""", "If-Match", "\"stale.1\"");

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(inRedis("wt-refused")).isEqualTo(original);
  }

  @Test
  @DisplayName("Looking up an unknown id answers 404 and writes nothing to Redis")
  void missesStayMisses() {
    assertThat(http.get("/v1/models/wt-never-registered").status()).isEqualTo(404);
    assertThat(redisCli.exists("model-registry:model:wt-never-registered")).isZero();
  }
}
