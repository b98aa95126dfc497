package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every successful change leaves one audit entry; refusals leave only a log line")
class AuditTrailTest {

  private static RegistryNode node;
  private static Http admin;
  private static Http anonymous;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single();
    admin = TestNodes.http(node);
    anonymous = new Http(TestNodes.url(node));
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static Http as(String subject, String... roles) {
    return anonymous.withHeader("Authorization", "Bearer " + TestTokens.forRoles(subject, roles));
  }

  private static String register(String id) {
    Reply reply = admin.post("/v1/models", new JsonObject().put("id", id).put("baseModel", "sophra-base")
        .put("version", "1.0.0").put("parameters", new JsonObject().put("lr", 0.1).put("layers", 12))
        .put("metadata", new JsonObject().put("author", "a")).encode());
    assertThat(reply.status()).isEqualTo(201);
    return reply.json().getString("uid");
  }

  private static JsonArray history(String id) {
    Reply reply = admin.get("/v1/models/" + id + "/history");
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().getJsonArray("items");
  }

  private static JsonObject change(String field, Object old, Object now) {
    return new JsonObject().put("field", field).put("old", old).put("new", now);
  }

  @Test
  @DisplayName("register → update → status change → delete leaves exactly four entries, newest first")
  void lifecycleSequence() {
    String id = "audited-" + UUID.randomUUID();
    Http pipeline = as("pipeline", "writer");
    try (LogCapture audit = LogCapture.audit()) {
      String uid = register(id);
      assertThat(pipeline.patch("/v1/models/" + id, "{\"parameters\":{\"lr\":0.05,\"layers\":null}}").status())
          .isEqualTo(200);
      assertThat(pipeline.patch("/v1/models/" + id, "{\"status\":\"training\"}").status()).isEqualTo(200);
      assertThat(admin.delete("/v1/models/" + id).status()).isEqualTo(204);

      JsonArray entries = history(id);
      assertThat(entries).hasSize(4);
      JsonObject deleted = entries.getJsonObject(0);
      JsonObject statusChange = entries.getJsonObject(1);
      JsonObject parameterChange = entries.getJsonObject(2);
      JsonObject registered = entries.getJsonObject(3);

      assertEntry(registered, "register", "test-admin", List.of("admin"), uid, 1);
      assertThat(registered.getJsonArray("changes")).containsExactly(
          change("/baseModel", null, "sophra-base"), change("/version", null, "1.0.0"),
          change("/status", null, "initializing"), change("/parameters/lr", null, 0.1),
          change("/parameters/layers", null, 12), change("/metadata/author", null, "a"));
      assertEntry(parameterChange, "update", "pipeline", List.of("writer"), uid, 2);
      assertThat(parameterChange.getJsonArray("changes")).containsExactly(
          change("/parameters/lr", 0.1, 0.05), change("/parameters/layers", 12, null));
      assertEntry(statusChange, "update", "pipeline", List.of("writer"), uid, 3);
      assertThat(statusChange.getJsonArray("changes")).containsExactly(change("/status", "initializing", "training"));
      assertEntry(deleted, "delete", "test-admin", List.of("admin"), uid, 3);
      assertThat(deleted.getJsonArray("changes")).containsExactly(
          change("/baseModel", "sophra-base", null), change("/version", "1.0.0", null),
          change("/status", "training", null), change("/parameters/lr", 0.05, null),
          change("/metadata/author", "a", null));
      for (int i = 1; i < 4; i++) {
        assertThat(entries.getJsonObject(i).getString("id")).isLessThan(entries.getJsonObject(i - 1).getString("id"));
      }

      // each line is written right after its change's answer
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> audit.jsonLines().size() >= 4);
      List<JsonObject> lines = audit.jsonLines();
      assertThat(lines).hasSize(4).allSatisfy(line -> {
        assertThat(line.getString("outcome")).isEqualTo("success");
        assertThat(line.getBoolean("stored")).isTrue();
      });
      for (int i = 0; i < 4; i++) {
        JsonObject line = lines.get(i).copy();
        line.remove("outcome");
        line.remove("stored");
        assertThat(line).isEqualTo(entries.getJsonObject(3 - i));
      }
    }
  }

  /**
   * The lines captured, less the registration's success line: a test registers its model before it
   * opens the capture, and that line, written right after the registration's answer, may come after.
   */
  private static List<JsonObject> linesAfterRegistration(LogCapture audit) {
    return audit.jsonLines().stream().filter(line -> !"register".equals(line.getString("action"))
        || !"success".equals(line.getString("outcome"))).toList();
  }

  private static void assertEntry(JsonObject entry, String action, String actor, List<String> roles, String uid,
      long revision) {
    assertThat(entry.getString("action")).isEqualTo(action);
    assertThat(entry.getString("actor")).isEqualTo(actor);
    assertThat(entry.getJsonArray("roles")).containsExactlyElementsOf(roles);
    assertThat(entry.getString("uid")).isEqualTo(uid);
    assertThat(entry.getLong("revision")).isEqualTo(revision);
    assertThat(entry.getString("at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  @DisplayName("A refused update leaves an audit line, no entry and no change")
  void refusedUpdate() {
    String id = "refused-" + UUID.randomUUID();
    register(id);
    try (LogCapture audit = LogCapture.audit()) {
      Reply reply = as("analyst", "reader").patch("/v1/models/" + id, "{\"status\":\"training\"}");

      assertThat(reply.status()).isEqualTo(403);
      assertThat(linesAfterRegistration(audit)).singleElement().satisfies(line -> {
        assertThat(line.getString("outcome")).isEqualTo("refused");
        assertThat(line.getInteger("status")).isEqualTo(403);
        assertThat(line.getString("reason")).isEqualTo("forbidden");
        assertThat(line.getString("actor")).isEqualTo("analyst");
        assertThat(line.getJsonArray("roles")).containsExactly("reader");
        assertThat(line.getString("operation")).isEqualTo("updateModel");
        assertThat(line.getString("modelId")).isEqualTo(id);
      });
    }
    assertThat(history(id)).hasSize(1);
    JsonObject model = admin.get("/v1/models/" + id).json();
    assertThat(model.getLong("revision")).isEqualTo(1);
    assertThat(model.getString("status")).isEqualTo("initializing");
  }

  @Test
  @DisplayName("409 and 412 are refusals: an audit line each, never an entry")
  void conflictsAreRefusals() {
    String id = "conflict-" + UUID.randomUUID();
    register(id);
    String etag = admin.get("/v1/models/" + id).header("ETag");
    assertThat(admin.patch("/v1/models/" + id, "{\"version\":\"1.0.1\"}").status()).isEqualTo(200);
    try (LogCapture audit = LogCapture.audit()) {
      assertThat(admin.post("/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
          .isEqualTo(409);
      assertThat(admin.patch("/v1/models/" + id, "{\"status\":\"initializing\"}").status()).isEqualTo(200);
      assertThat(admin.patch("/v1/models/" + id, "{\"status\":\"ready\"}").status()).isEqualTo(200);
      assertThat(admin.patch("/v1/models/" + id, "{\"status\":\"initializing\"}").status()).isEqualTo(409);
      assertThat(admin.delete("/v1/models/" + id, "If-Match", etag).status()).isEqualTo(412);

      List<JsonObject> refusals = audit.jsonLines().stream()
          .filter(line -> line.getString("outcome").equals("refused")).toList();
      assertThat(refusals).extracting(line -> line.getString("operation") + " " + line.getInteger("status"))
          .containsExactly("registerModel 409", "updateModel 409", "deleteModel 412");
      assertThat(refusals).allSatisfy(line -> assertThat(line.getString("modelId")).isEqualTo(id));
    }
    assertThat(history(id)).extracting(entry -> ((JsonObject) entry).getLong("revision")).containsExactly(3L, 2L, 1L);
  }

  @Test
  @DisplayName("A patch that changes nothing records nothing")
  void noOpPatch() {
    String id = "noop-" + UUID.randomUUID();
    register(id);
    try (LogCapture audit = LogCapture.audit()) {
      Reply reply = admin.patch("/v1/models/" + id, "{\"version\":\"1.0.0\",\"parameters\":{\"lr\":0.1}}");

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().getLong("revision")).isEqualTo(1);
      // a line would come right after the answer: none comes in the next 300 ms
      Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
          .until(() -> linesAfterRegistration(audit).isEmpty());
    }
    assertThat(history(id)).hasSize(1);
  }

  @Test
  @DisplayName("A model's history stays readable after the model is deleted and registered again")
  void historyAcrossIncarnations() {
    String id = "reborn-" + UUID.randomUUID();
    String first = register(id);
    assertThat(admin.delete("/v1/models/" + id).status()).isEqualTo(204);
    String second = register(id);

    assertThat(history(id)).extracting(entry -> ((JsonObject) entry).getString("action") + " "
        + ((JsonObject) entry).getString("uid")).containsExactly("register " + second, "delete " + first,
        "register " + first);
    assertThat(history("never-registered-" + UUID.randomUUID())).isEmpty();
  }
}
