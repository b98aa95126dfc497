package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Metric points are bounded per model by count and by age")
class MetricsRetentionTest {

  private static RegistryNode node;
  private static Http http;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single(Map.of("MODEL_REGISTRY_METRICS_MAX_POINTS", "5", "MODEL_REGISTRY_METRICS_RETENTION", "3s"));
    http = TestNodes.http(node);
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static String model() {
    String id = "retained-" + UUID.randomUUID();
    assertThat(http.post("/v1/models", new JsonObject().put("id", id).put("baseModel", "b").put("version", "1")
        .put("status", "ready").encode()).status()).isEqualTo(201);
    return id;
  }

  private static JsonObject point(String name, double value, Instant at) {
    return new JsonObject().put("name", name).put("value", value).put("at", at.toString());
  }

  private static List<Double> values(String id) {
    JsonArray series = http.get("/v1/models/" + id + "/metrics").json().getJsonArray("series");
    return series.stream().flatMap(one -> ((JsonObject) one).getJsonArray("points").stream())
        .map(p -> ((JsonObject) p).getDouble("value")).toList();
  }

  @Test
  @DisplayName("Past MODEL_REGISTRY_METRICS_MAX_POINTS the oldest points go first, whatever their name")
  void byCount() {
    String id = model();
    Instant now = Instant.now();
    JsonArray eight = new JsonArray();
    for (int i = 0; i < 8; i++) {
      eight.add(point(i % 2 == 0 ? "a" : "b", i, now.minusMillis(800 - i * 100L)));
    }
    assertThat(http.post("/v1/models/" + id + "/metrics", eight.encode()).json().getInteger("appended")).isEqualTo(8);
    assertThat(values(id)).containsExactlyInAnyOrder(3.0, 4.0, 5.0, 6.0, 7.0);
    http.post("/v1/models/" + id + "/metrics", point("c", 8, now).encode());
    assertThat(values(id)).containsExactlyInAnyOrder(4.0, 5.0, 6.0, 7.0, 8.0);
  }

  @Test
  @DisplayName("Points older than MODEL_REGISTRY_METRICS_RETENTION are refused on arrival (counted as expired) and vanish as they age")
  void byAge() {
    String id = model();
    JsonObject reply = http.post("/v1/models/" + id + "/metrics", new JsonArray()
        .add(point("old", 1, Instant.now().minusSeconds(60)))
        .add(point("fresh", 2, Instant.now().minusMillis(1500))).encode()).json();
    assertThat(reply.getInteger("appended")).isEqualTo(1);
    assertThat(reply.getInteger("expired")).isEqualTo(1);
    assertThat(values(id)).containsExactly(2.0);
    assertThat(http.get("/v1/models/" + id + "/metrics/latest").json().getJsonObject("latest").fieldNames())
        .containsExactly("fresh");
    assertThat(http.get("/v1/models?baseModel=b&sort=metric:fresh:desc&limit=1").json().getJsonArray("items")
        .getJsonObject(0).getString("id")).isEqualTo(id);

    await().atMost(Duration.ofSeconds(10)).until(() -> values(id).isEmpty());
    assertThat(http.get("/v1/models/" + id + "/metrics/latest").json().getJsonObject("latest")).isEmpty();
    JsonObject ranked = http.get("/v1/models?baseModel=b&sort=metric:fresh:desc&limit=1000").json();
    assertThat(ranked.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("id").equals(id)).findFirst().orElseThrow().getValue("metricValue")).isNull();
  }
}
