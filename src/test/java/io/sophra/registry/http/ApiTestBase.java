package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real node per test class, and helpers to register models and assert problems. */
abstract class ApiTestBase {

  static RegistryNode node;
  static Http http;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single();
    http = TestNodes.http(node);
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  /** A fresh id, so tests sharing a node never see each other's models. */
  static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonObject body(String id) {
    return new JsonObject().put("id", id).put("baseModel", "sophra-base").put("version", "1.0.0")
        .put("parameters", new JsonObject().put("embeddingDimension", 768))
        .put("metadata", new JsonObject().put("author", "AI Team"));
  }

  static JsonObject register(String id) {
    Reply reply = http.post("/v1/models", body(id).encode());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json();
  }

  static void assertProblem(Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = reply.json();
    assertThat(problem.getString("type")).isEqualTo("urn:model-registry:problem:" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
  }

  static void assertValidation(Reply reply, String pointer) {
    assertProblem(reply, 400, "validation");
    assertThat(reply.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
        .as(reply.toString()).contains(pointer);
  }

  static void assertAbsent(String id) {
    assertThat(http.get("/v1/models/" + id).status()).isEqualTo(404);
  }
}
