package io.sophra.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.ModelStores;
import io.sophra.registry.support.RedisServer;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("When Redis stops, writes answer 503 and change nothing, reads go on; once it is back, writes work again")
class RedisOutageTest {

  private static final int MAX_MODELS = 30;

  private RedisServer redis;
  private List<RegistryNode> nodes = List.of();
  private Http[] http;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    Map<String, String> settings = new HashMap<>(redis.registrySettings());
    settings.put("MODEL_REGISTRY_MAX_MODELS", String.valueOf(MAX_MODELS));
    try {
      nodes = TestNodes.cluster(2, settings);
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
    http = new Http[] {TestNodes.http(nodes.get(0)), TestNodes.http(nodes.get(1))};
  }

  @AfterEach
  void stop() {
    try {
      TestNodes.stop(nodes);
    } finally {
      redis.close();
    }
  }

  private static String model(String id) {
    return new JsonObject().put("id", id).put("baseModel", "sophra-base").put("version", "1.0.0")
        .put("parameters", new JsonObject().put("seed", id.hashCode())).encode();
  }

  @Test
  @DisplayName("Writes through either node get 503 naming Redis, the grid keeps every previous value, and afterwards grid and Redis agree key for key")
  void outageAndRecovery() {
    Map<String, JsonObject> before = new TreeMap<>();
    for (int i = 0; i < 20; i++) {
      Reply created = http[i % 2].post("/v1/models", model("m" + i));
      assertThat(created.status()).isEqualTo(201);
      before.put("m" + i, created.json());
    }
    assertThat(ModelStores.redis(redis.commands())).isEqualTo(before);

    redis.stop();

    List<Reply> refused = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      refused.add(http[i % 2].post("/v1/models", model("new" + i)));
      refused.add(http[i % 2].patch("/v1/models/m" + i, """
          {"status":"training","metadata":{"attempt":1}}"""));
    }
    for (int i = 10; i < 15; i++) {
      refused.add(http[i % 2].delete("/v1/models/m" + i));
    }
    assertThat(refused).allSatisfy(reply -> {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      assertThat(reply.problemType()).isEqualTo("unavailable");
      assertThat(reply.json().getString("detail")).contains("Redis is unavailable").contains("unchanged");
      assertThat(reply.header("Retry-After")).isNotNull();
    });

    for (Http client : http) {
      before.forEach((id, model) -> {
        Reply read = client.get("/v1/models/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(model);
      });
      assertThat(client.get("/v1/models/new0").status()).isEqualTo(404);
      assertThat(client.get("/v1/models?limit=100").json().getJsonArray("items")).hasSize(20);
    }
    assertThat(ModelStores.grid(nodes.get(0))).isEqualTo(before);

    redis.restart();

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
        http[0].patch("/v1/models/m0", """
            {"status":"training"}""").status() == 200);
    assertThat(http[1].delete("/v1/models/m10").status()).isEqualTo(204);
    for (int i = 0; i < 10; i++) {
      assertThat(http[i % 2].post("/v1/models", model("new" + i)).status())
          .as("registration %d: refused registrations gave their slot back", i).isEqualTo(201);
    }

    Map<String, JsonObject> grid = ModelStores.grid(nodes.get(0));
    assertThat(grid).hasSize(29).containsKey("new9").doesNotContainKey("m10");
    assertThat(grid.get("m0").getLong("revision")).isEqualTo(2);
    assertThat(grid.get("m1")).isEqualTo(before.get("m1"));
    assertThat(ModelStores.redis(redis.commands())).isEqualTo(grid);
  }

  @Test
  @DisplayName("Writes Redis refuses (out of memory) get 503 in fixed words, Redis's own only in the log and once per node; once it accepts them again, they work")
  void refusedWrites() {
    JsonObject original = http[0].post("/v1/models", model("refused-0")).json();
    var admin = redis.commands();
    admin.configSet("maxmemory-policy", "noeviction");
    admin.configSet("maxmemory", "1");

    List<Reply> refused = new ArrayList<>();
    List<String> warnings;
    try (LogCapture logs = LogCapture.all()) {
      for (int i = 0; i < 6; i++) {
        refused.add(http[i % 2].patch("/v1/models/refused-0", """
            {"status":"ready"}"""));
        refused.add(http[i % 2].post("/v1/models", model("refused-" + (i + 1))));
      }
      warnings = logs.events().stream().map(event -> event.getFormattedMessage())
          .filter(line -> line.contains("OOM command not allowed")).toList();
    }

    assertThat(refused).allSatisfy(reply -> {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      assertThat(reply.json().getString("detail")).startsWith("Redis refused the command (out of memory)")
          .doesNotContain("OOM").doesNotContain("maxmemory").doesNotContain("127.0.0.1");
    });
    assertThat(warnings).as("Redis's words, logged once per node however many writes it refused")
        .hasSizeBetween(1, nodes.size()).allSatisfy(line -> assertThat(line).contains("refused:OOM"));
    assertThat(http[1].get("/v1/models/refused-0").json()).isEqualTo(original);
    assertThat(http[0].get("/v1/models/refused-1").status()).isEqualTo(404);

    admin.configSet("maxmemory", "0");

    assertThat(http[1].patch("/v1/models/refused-0", """
        {"status":"ready"}""").status()).isEqualTo(200);
    assertThat(http[0].post("/v1/models", model("refused-1")).status()).isEqualTo(201);
    Map<String, JsonObject> grid = ModelStores.grid(nodes.get(1));
    assertThat(grid).containsOnlyKeys("refused-0", "refused-1");
    assertThat(ModelStores.redis(redis.commands())).isEqualTo(grid);
  }
}
