package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.events.EventAddresses;
import io.sophra.registry.model.Timestamps;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/v1/models/{id}/metrics: points kept apart from the model")
class MetricsApiTest extends ApiTestBase {

  static JsonObject point(String name, double value, Instant at) {
    return new JsonObject().put("name", name).put("value", value).put("at", at.toString());
  }

  static Reply append(String id, Object body) {
    return http.post("/v1/models/" + id + "/metrics", body.toString());
  }

  @Test
  @DisplayName("One point or an array: appended, read back by series oldest first, filtered by name, since and limit")
  void appendAndRead() {
    String id = newId("metrics");
    register(id);
    Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    Reply one = append(id, point("ndcg@10", 0.71, t0).put("labels", new JsonObject().put("dataset", "q3")));
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.json()).isEqualTo(new JsonObject().put("modelId", id).put("appended", 1).put("expired", 0));
    Reply many = append(id, new JsonArray().add(point("ndcg@10", 0.74, t0.plusSeconds(120)))
        .add(point("latency.p99", 12.5, t0.plusSeconds(60))).add(point("ndcg@10", 0.73, t0.plusSeconds(60))));
    assertThat(many.json().getInteger("appended")).isEqualTo(3);

    JsonObject all = http.get("/v1/models/" + id + "/metrics").json();
    assertThat(all.getString("modelId")).isEqualTo(id);
    JsonArray series = all.getJsonArray("series");
    assertThat(series).hasSize(2);
    assertThat(series.getJsonObject(0).getString("name")).isEqualTo("latency.p99");
    JsonObject ndcg = series.getJsonObject(1);
    assertThat(ndcg.getString("name")).isEqualTo("ndcg@10");
    assertThat(values(ndcg)).containsExactly(0.71, 0.73, 0.74);
    assertThat(ndcg.getJsonArray("points").getJsonObject(0)).isEqualTo(new JsonObject().put("value", 0.71)
        .put("at", Timestamps.format(t0)).put("labels", new JsonObject().put("dataset", "q3")));

    JsonArray onlyNdcg = http.get("/v1/models/" + id + "/metrics?name=ndcg@10&limit=2").json().getJsonArray("series");
    assertThat(onlyNdcg).hasSize(1);
    assertThat(values(onlyNdcg.getJsonObject(0))).as("the newest 2").containsExactly(0.73, 0.74);
    JsonArray recent = http.get("/v1/models/" + id + "/metrics?since=" + t0.plusSeconds(61)).json().getJsonArray("series");
    assertThat(recent).hasSize(1);
    assertThat(values(recent.getJsonObject(0))).containsExactly(0.74);
  }

  @Test
  @DisplayName("latest: the newest point of each metric by its time, not by when it arrived")
  void latest() {
    String id = newId("latest");
    register(id);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    append(id, new JsonArray().add(point("ctr", 0.05, now.minusSeconds(30))).add(point("ctr", 0.07, now.minusSeconds(10)))
        .add(point("ndcg", 0.6, now.minusSeconds(20))));
    append(id, point("ctr", 0.01, now.minusSeconds(60)));
    JsonObject latest = http.get("/v1/models/" + id + "/metrics/latest").json();
    assertThat(latest.getString("modelId")).isEqualTo(id);
    assertThat(latest.getJsonObject("latest").getJsonObject("ctr").getDouble("value")).isEqualTo(0.07);
    assertThat(latest.getJsonObject("latest").getJsonObject("ndcg").getDouble("value")).isEqualTo(0.6);
    assertThat(latest.getJsonObject("latest").fieldNames()).containsExactlyInAnyOrder("ctr", "ndcg");
  }

  @Test
  @DisplayName("Appending never changes the model: same revision and ETag, no model event, and a stale-free If-Match still works")
  void modelUntouched() {
    String id = newId("untouched");
    register(id);
    Reply before = http.get("/v1/models/" + id);
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = node.vertx().eventBus().consumer(EventAddresses.MODELS_CHANGED,
        message -> events.add(message.body()));
    Futures.await(consumer.completion());
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(append(id, point("loss", 1.0 / (i + 1), Instant.now())).status()).isEqualTo(200);
      }
      Reply after = http.get("/v1/models/" + id);
      assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
      assertThat(after.json()).isEqualTo(before.json());
      assertThat(http.patch("/v1/models/" + id, "{\"version\":\"1.0.1\"}", "If-Match", before.header("ETag")).status())
          .isEqualTo(200);
      // events of one publisher arrive in order: any event of the appends would come before the update's;
      // the registration's own event may come too (published right after its answer), and is left out
      await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(event -> "updated".equals(
          event.getString("type"))));
      assertThat(events).extracting(event -> event.getString("type")).filteredOn(type -> !"registered".equals(type))
          .containsExactly("updated");
    } finally {
      consumer.unregister();
    }
  }

  @Test
  @DisplayName("Bad points are 400 naming each problem, and nothing of the request is stored")
  void validation() {
    String id = newId("invalid");
    register(id);
    Instant now = Instant.now();
    assertValidation(append(id, point("1starts-with-digit", 1, now)), "/name");
    assertValidation(append(id, point("has space", 1, now)), "/name");
    assertValidation(append(id, point("x".repeat(65), 1, now)), "/name");
    assertValidation(append(id, new JsonObject().put("name", "ok").put("value", "NaN")), "/value");
    assertValidation(append(id, new JsonObject().put("name", "ok")), "/value");
    assertValidation(append(id, new JsonObject().put("name", "ok").put("value", 1).put("at", "yesterday")), "/at");
    assertValidation(append(id, point("ok", 1, now.plusSeconds(3600))), "/at");
    assertValidation(append(id, point("ok", 1, now).put("extra", true)), "/extra");
    JsonObject labels = new JsonObject();
    for (int i = 0; i < 9; i++) {
      labels.put("l" + i, "v");
    }
    assertValidation(append(id, point("ok", 1, now).put("labels", labels)), "/labels");
    assertValidation(append(id, point("ok", 1, now).put("labels", new JsonObject().put("bad-key", "v"))), "/labels/bad-key");
    assertValidation(append(id, point("ok", 1, now).put("labels", new JsonObject().put("k", "v".repeat(129)))), "/labels/k");
    assertValidation(append(id, point("ok", 1, now).put("labels", new JsonObject().put("k", 3))), "/labels/k");
    assertValidation(append(id, new JsonArray().add(point("ok", 1, now)).add(point("bad name", 1, now))), "/1/name");
    assertValidation(append(id, new JsonArray()), "/");
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(point("ok", i, now));
    }
    assertValidation(append(id, tooMany), "/");
    assertValidation(append(id, "3"), "/");
    assertProblem(http.post("/v1/models/" + id + "/metrics", "{"), 400, "validation");
    assertProblem(http.post("/v1/models/" + id + "/metrics", "{}", "Content-Type", "text/plain"), 415,
        "unsupported-media-type");
    // 1e400 is no finite double
    assertValidation(http.post("/v1/models/" + id + "/metrics", "{\"name\":\"ok\",\"value\":1e400}"), "/value");
    assertThat(http.get("/v1/models/" + id + "/metrics").json().getJsonArray("series")).isEmpty();

    assertValidation(http.get("/v1/models/" + id + "/metrics?limit=0"), "limit");
    assertValidation(http.get("/v1/models/" + id + "/metrics?since=yesterday"), "since");
    assertValidation(http.get("/v1/models/" + id + "/metrics?name=bad%20name"), "name");
  }

  @Test
  @DisplayName("A model that does not exist is 404 on every metric route; a malformed id is 400")
  void unknownModel() {
    String id = newId("ghost");
    assertProblem(append(id, point("x", 1, Instant.now())), 404, "not-found");
    assertProblem(http.get("/v1/models/" + id + "/metrics"), 404, "not-found");
    assertProblem(http.get("/v1/models/" + id + "/metrics/latest"), 404, "not-found");
    assertValidation(append("a..b", point("x", 1, Instant.now())), "id");
    assertValidation(http.get("/v1/models/a..b/metrics/latest"), "id");
  }

  @Test
  @DisplayName("Deleting a model drops its points: the same id registered again starts with none")
  void goneWithTheModel() {
    String id = newId("reborn");
    register(id);
    append(id, point("acc", 0.9, Instant.now()));
    assertThat(http.delete("/v1/models/" + id).status()).isEqualTo(204);
    register(id);
    assertThat(http.get("/v1/models/" + id + "/metrics").json().getJsonArray("series")).isEmpty();
    assertThat(http.get("/v1/models/" + id + "/metrics/latest").json().getJsonObject("latest")).isEmpty();
  }

  @Test
  @DisplayName("GET /v1/models?sort=metric:NAME:desc|asc orders by the last value, ties by id, models without it last, with filters and cursor")
  void sortedByMetric() {
    String base = "rank-" + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = base + "-m" + i;
      ids.add(id);
      assertThat(http.post("/v1/models", new JsonObject().put("id", id).put("baseModel", base).put("version", "1")
          .put("status", i == 5 ? "training" : "ready").encode()).status()).isEqualTo(201);
    }
    Instant now = Instant.now();
    double[] last = {0.5, 0.9, 0.5, 0.7};
    for (int i = 0; i < last.length; i++) {
      append(ids.get(i), point("ndcg", 0.1, now.minusSeconds(60)));
      append(ids.get(i), point("ndcg", last[i], now.minusSeconds(1)));
      append(ids.get(i), point("other", 100 - i, now));
    }
    append(ids.get(5), point("ndcg", 1.0, now));
    // m4 has no ndcg at all; m5 has the highest but is training

    assertThat(pages(base, "metric:ndcg:desc", "")).containsExactly(ids.get(1), ids.get(3), ids.get(0), ids.get(2),
        ids.get(4));
    assertThat(pages(base, "metric:ndcg:asc", "")).containsExactly(ids.get(0), ids.get(2), ids.get(3), ids.get(1),
        ids.get(4));
    assertThat(pages(base, "metric:ndcg:desc", "&status=training")).containsExactly(ids.get(5));
    assertThat(pages(base, "metric:missing:desc", "")).containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(3),
        ids.get(4));

    JsonObject first = http.get("/v1/models?baseModel=" + base + "&status=ready&sort=metric:ndcg:desc&limit=1").json();
    JsonObject top = first.getJsonArray("items").getJsonObject(0);
    assertThat(top.getDouble("metricValue")).isEqualTo(0.9);
    assertThat(top.containsKey("parameters")).as("summary view by default").isFalse();
    String cursor = first.getString("nextCursor");
    assertValidation(http.get("/v1/models?baseModel=" + base + "&sort=metric:ndcg:asc&cursor=" + cursor), "cursor");
    assertValidation(http.get("/v1/models?baseModel=" + base + "&sort=metric:ndcg:desc&cursor=" + "v1garbage"), "cursor");
    assertValidation(http.get("/v1/models?sort=metric:bad%20name:desc"), "sort");
    assertValidation(http.get("/v1/models?sort=metric:ndcg:sideways"), "sort");
    assertValidation(http.get("/v1/models?sort=size"), "sort");
    assertThat(http.get("/v1/models?baseModel=" + base + "&sort=id").json().getJsonArray("items")).hasSize(6);
  }

  @Test
  @DisplayName("Appending needs WRITE_METRICS (writer, admin), reading READ_MODEL; no token is 401")
  void permissions() {
    String id = newId("perm");
    register(id);
    Http anonymous = new Http(TestNodes.url(node));
    Http reader = anonymous.withHeader("Authorization", "Bearer " + TestTokens.forRoles("r", "reader"));
    Http writer = anonymous.withHeader("Authorization", "Bearer " + TestTokens.forRoles("w", "writer"));
    String body = point("p", 1, Instant.now()).encode();
    for (String path : List.of("/metrics", "/metrics/latest")) {
      assertProblem(anonymous.get("/v1/models/" + id + path), 401, "unauthorized");
      assertThat(reader.get("/v1/models/" + id + path).status()).isEqualTo(200);
    }
    assertProblem(anonymous.get("/v1/models?sort=metric:p:desc"), 401, "unauthorized");
    assertThat(reader.get("/v1/models?sort=metric:p:desc").status()).isEqualTo(200);
    assertProblem(anonymous.post("/v1/models/" + id + "/metrics", body), 401, "unauthorized");
    assertProblem(reader.post("/v1/models/" + id + "/metrics", body), 403, "forbidden");
    assertThat(http.get("/v1/models/" + id + "/metrics").json().getJsonArray("series")).isEmpty();
    assertThat(writer.post("/v1/models/" + id + "/metrics", body).status()).isEqualTo(200);
    Http noRoles = anonymous.withHeader("Authorization", "Bearer " + TestTokens.forRoles("n"));
    assertProblem(noRoles.get("/v1/models/" + id + "/metrics"), 403, "forbidden");
    assertProblem(noRoles.get("/v1/models?sort=metric:p:desc"), 403, "forbidden");
  }

  private static List<String> pages(String base, String sort, String filters) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Reply page = http.get("/v1/models?baseModel=" + base + "&sort=" + sort + "&limit=2" + filters
          + (filters.contains("status") ? "" : "&status=ready") + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.json().getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
      cursor = page.json().getString("nextCursor");
    } while (cursor != null);
    return ids;
  }

  private static List<Double> values(JsonObject series) {
    return series.getJsonArray("points").stream().map(p -> ((JsonObject) p).getDouble("value")).toList();
  }
}
