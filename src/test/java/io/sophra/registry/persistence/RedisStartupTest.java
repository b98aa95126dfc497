package io.sophra.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.support.BlockedThreadGuard;
import io.sophra.registry.support.Ports;
import io.sophra.registry.support.RedisServer;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Start-up with MODEL_REGISTRY_PERSISTENCE=redis uses the URL as given, or stops with one line naming it")
class RedisStartupTest {

  private static Map<String, String> settings(String redisUrl) {
    int clusterPort = Ports.free();
    Map<String, String> env = new HashMap<>(TestTokens.SETTINGS);
    env.put("MODEL_REGISTRY_CLUSTER_NAME", "test-" + UUID.randomUUID());
    env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("MODEL_REGISTRY_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    env.put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
    env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(Ports.free()));
    env.put("MODEL_REGISTRY_EVENTBUS_PORT", "0");
    env.put("MODEL_REGISTRY_PERSISTENCE", "redis");
    env.put("MODEL_REGISTRY_REDIS_URL", redisUrl);
    return env;
  }

  private static Throwable startFailure(String redisUrl) {
    var start = RegistryNode.start(ConfigLoader.load(settings(redisUrl), Map.of()), BlockedThreadGuard.options())
        .toCompletionStage().toCompletableFuture();
    try {
      RegistryNode node = start.get(1, TimeUnit.MINUTES);
      TestNodes.stop(node);
      throw new AssertionError("the node started with " + redisUrl);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("A password and a database number in the URL are used: the models land in that database")
  void passwordAndDatabase() {
    try (RedisServer redis = RedisServer.start("requirepass s3cret-Pw")) {
      RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_PERSISTENCE", "redis",
          "MODEL_REGISTRY_REDIS_URL", redis.url(3)));
      try {
        assertThat(TestNodes.http(node).post("/v1/models", """
            {"id":"in-db-3","baseModel":"sophra-base","version":"1.0.0"}""").status()).isEqualTo(201);
      } finally {
        TestNodes.stop(node);
      }
      assertThat(redis.commands(3).get("model-registry:model:in-db-3")).contains("\"revision\":1");
      assertThat(redis.commands(0).exists("model-registry:model:in-db-3")).isZero();
    }
  }

  @Test
  @DisplayName("A wrong password stops start-up naming the setting, and the password is not repeated")
  void wrongPassword() {
    try (RedisServer redis = RedisServer.start("requirepass s3cret-Pw")) {
      Throwable failure = startFailure("redis://:n0t-the-Pw@127.0.0.1:" + redis.port());

      assertThat(failure).isInstanceOf(ConfigException.class);
      assertThat(failure.getMessage()).startsWith("MODEL_REGISTRY_REDIS_URL").contains("127.0.0.1:" + redis.port())
          .containsIgnoringCase("pass").doesNotContain("n0t-the-Pw").doesNotContain("\n");
    }
  }

  @Test
  @DisplayName("Redis not running at the URL stops start-up with one line naming the setting and the address")
  void redisDown() {
    int nothingThere = Ports.free();

    Throwable failure = startFailure("redis://127.0.0.1:" + nothingThere);

    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).startsWith("MODEL_REGISTRY_REDIS_URL (config.json \"persistence.redisUrl\")")
        .contains("redis://127.0.0.1:" + nothingThere + "/0").containsIgnoringCase("refused").doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"localhost:6379", "http://localhost:6379", "redis://", "redis://localhost:6379/zero",
      "redis://localhost:99999", "redis://:hunter2@localhost:6379/1/2", "redis://:hunter2", "redis://:hunter2/0",
      "redis://user:hunter2", "redis://user:hunter2/x"})
  @DisplayName("A URL that is not a Redis URL stops start-up naming the setting and the expected form")
  void badUrl(String url) {
    Throwable failure = startFailure(url);

    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).startsWith("MODEL_REGISTRY_REDIS_URL (config.json \"persistence.redisUrl\")")
        .contains("redis://[[user]:password@]host[:port][/db]").doesNotContain("hunter2").doesNotContain("\n");
  }

  @Test
  @DisplayName("Timeouts that are not durations stop start-up naming their setting")
  void badTimeouts() {
    Map<String, String> env = new HashMap<>(settings("redis://127.0.0.1:6379"));
    env.put("MODEL_REGISTRY_REDIS_COMMAND_TIMEOUT", "soon");

    assertThatThrownBy(() -> ConfigLoader.load(env, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_REGISTRY_REDIS_COMMAND_TIMEOUT");
    env.remove("MODEL_REGISTRY_REDIS_COMMAND_TIMEOUT");
    env.put("MODEL_REGISTRY_REDIS_CONNECT_TIMEOUT", "0s");
    assertThatThrownBy(() -> ConfigLoader.load(env, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_REGISTRY_REDIS_CONNECT_TIMEOUT");
  }

  @Test
  @DisplayName("A key under the registry's prefix that does not hold a model stops start-up naming the key")
  void corruptValue() {
    try (RedisServer redis = RedisServer.start()) {
      redis.commands().set("model-registry:model:fine", """
          {"id":"fine","baseModel":"b","version":"1","status":"ready","uid":"u-1","revision":4,
           "createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-02T00:00:00.000Z","parameters":{},"metadata":{}}""");
      redis.commands().set("model-registry:model:broken", "not a model");

      Throwable failure = startFailure(redis.url());

      assertThat(failure).isInstanceOf(ConfigException.class);
      assertThat(failure.getMessage()).startsWith("MODEL_REGISTRY_REDIS_URL").contains("model-registry:model:broken");
    }
  }
}
