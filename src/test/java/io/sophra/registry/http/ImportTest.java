package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.RawHttp;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /v1/import restores a backup line by line")
class ImportTest extends ApiTestBase {

  private static Reply importLines(Http client, String query, String... lines) {
    return client.send("POST", "/v1/import" + query, String.join("\n", lines).getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/x-ndjson");
  }

  static JsonObject backupModel(String id, String uid, long revision, String version) {
    return new JsonObject().put("id", id).put("baseModel", "restored-base").put("version", version)
        .put("parameters", new JsonObject().put("k", 1)).put("metadata", new JsonObject())
        .put("status", "ready").put("uid", uid).put("revision", revision)
        .put("createdAt", "2024-01-02T03:04:05.006Z").put("updatedAt", "2024-02-03T04:05:06.007Z");
  }

  static String line(JsonObject model) {
    return new JsonObject().put("kind", "model").put("model", model).encode();
  }

  @Test
  @DisplayName("Bad lines are each reported with their line number and errors; every good line is imported")
  void badLines() {
    String a = newId("good-a");
    String b = newId("good-b");
    String c = newId("bad-c");
    Reply reply = importLines(http, "",
        line(backupModel(a, "uid-a", 3, "1.0.0")),
        "{not json",
        "",
        line(backupModel(c, "uid-c", 1, "1.0.0").put("version", null)),
        "[1,2]",
        "{\"kind\":\"mystery\"}",
        line(backupModel(newId("bad-uid"), "has space", 1, "1")),
        "{\"kind\":\"model\",\"model\":{\"id\":\"x\",\"baseModel\":\"b\",\"version\":\"1\",\"uid\":\"u\",\"revision\":0,"
            + "\"createdAt\":\"2024-01-02T00:00:00.000Z\",\"updatedAt\":\"2023-01-01T00:00:00.000Z\"}}",
        "{\"kind\":\"model\",\"model\":{\"id\":\"" + newId("huge") + "\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}}",
        line(backupModel(b, "uid-b", 1, "2.0.0")));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonObject summary = reply.json();
    assertThat(summary.getLong("created")).isEqualTo(2);
    assertThat(summary.getLong("lines")).isEqualTo(9);
    Map<Integer, List<String>> invalid = summary.getJsonArray("invalid").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(entry -> entry.getInteger("line"), entry -> entry.getJsonArray("errors").stream()
            .map(error -> ((JsonObject) error).getString("pointer")).toList()));
    assertThat(invalid).containsOnlyKeys(2, 4, 5, 6, 7, 8, 9);
    assertThat(invalid.get(2)).containsExactly("/");
    assertThat(invalid.get(4)).containsExactly("/model/version");
    assertThat(invalid.get(5)).containsExactly("/");
    assertThat(invalid.get(6)).containsExactly("/kind");
    assertThat(invalid.get(7)).containsExactly("/model/uid");
    assertThat(invalid.get(8)).contains("/model/revision", "/model/updatedAt");
    assertThat(invalid.get(9)).containsExactly("/");
    JsonObject restored = http.get("/v1/models/" + a).json();
    assertThat(restored.getString("uid")).isEqualTo("uid-a");
    assertThat(restored.getLong("revision")).isEqualTo(3);
    assertThat(restored.getString("createdAt")).isEqualTo("2024-01-02T03:04:05.006Z");
    assertThat(restored.getString("updatedAt")).isEqualTo("2024-02-03T04:05:06.007Z");
    assertThat(http.get("/v1/models/" + a).header("ETag")).isEqualTo("\"uid-a.3\"");
    assertThat(http.get("/v1/models/" + b).status()).isEqualTo(200);
    assertAbsent(c);
  }

  @Test
  @DisplayName("An existing id is skipped and reported by default; ?mode=overwrite replaces it, raising a shared uid's revision")
  void skipThenOverwrite() {
    String id = newId("existing");
    JsonObject stored = register(id);
    http.patch("/v1/models/" + id, "{\"version\":\"1.0.1\"}");
    http.patch("/v1/models/" + id, "{\"version\":\"1.0.2\"}");
    String uid = stored.getString("uid");
    String backup = line(backupModel(id, uid, 2, "9.9.9"));

    JsonObject skipped = importLines(http, "", backup).json();
    assertThat(skipped.getLong("skipped")).isEqualTo(1);
    assertThat(skipped.getJsonArray("skippedIds")).containsExactly(new JsonObject().put("line", 1).put("kind", "model")
        .put("id", id));
    assertThat(http.get("/v1/models/" + id).json().getString("version")).isEqualTo("1.0.2");

    JsonObject overwritten = importLines(http, "?mode=overwrite", backup).json();
    assertThat(overwritten.getLong("overwritten")).isEqualTo(1);
    JsonObject now = http.get("/v1/models/" + id).json();
    assertThat(now.getString("version")).isEqualTo("9.9.9");
    assertThat(now.getString("uid")).isEqualTo(uid);
    assertThat(now.getLong("revision")).as("above the stored revision 3, so no ETag names two contents").isEqualTo(4);
    assertThat(now.getString("updatedAt")).isNotEqualTo("2024-02-03T04:05:06.007Z");
    JsonArray history = http.get("/v1/models/" + id + "/history").json().getJsonArray("items");
    assertThat(((JsonObject) history.getValue(0)).getString("action")).isEqualTo("import");

    JsonObject otherUid = importLines(http, "?mode=overwrite", line(backupModel(id, "other-uid", 2, "3.0.0"))).json();
    assertThat(otherUid.getLong("overwritten")).isEqualTo(1);
    assertThat(http.get("/v1/models/" + id).header("ETag")).as("another uid keeps its own revision")
        .isEqualTo("\"other-uid.2\"");
    assertThat(importLines(http, "?mode=overwrite", line(backupModel(id, "other-uid", 2, "3.0.0"))).json()
        .getLong("skipped")).as("overwriting with the very model stored changes nothing").isEqualTo(1);
  }

  @Test
  @DisplayName("Without a token 401; without IMPORT or EXPORT 403, before the body is read")
  void permissions() {
    Http anonymous = new Http(TestNodes.url(node));
    Http writer = anonymous.withHeader("Authorization", "Bearer " + TestTokens.forRoles("a-writer", "writer"));
    assertProblem(importLines(anonymous, "", line(backupModel(newId("x"), "u", 1, "1"))), 401, "unauthorized");
    assertProblem(anonymous.get("/v1/export"), 401, "unauthorized");
    assertProblem(writer.get("/v1/export"), 403, "forbidden");
    String id = newId("forbidden");
    assertProblem(importLines(writer, "", line(backupModel(id, "u", 1, "1"))), 403, "forbidden");
    assertProblem(writer.send("POST", "/v1/import?mode=bogus", "{".getBytes(), "Content-Type", "text/plain"), 403,
        "forbidden");
    assertAbsent(id);
    // headers announcing 10 MB and no body at all: the 403 comes without waiting for it
    RawHttp.Response raw = RawHttp.exchange(node.config().http().port(), "POST /v1/import HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer " + TestTokens.forRoles("a-writer", "writer") + "\r\nContent-Type: application/x-ndjson\r\n"
        + "Content-Length: 10000000\r\n\r\n");
    assertThat(raw.status()).isEqualTo(403);
  }

  @Test
  @DisplayName("Wrong media type 415, unknown mode 400, a precondition 400")
  void requestChecks() {
    assertProblem(http.send("POST", "/v1/import", "{}".getBytes(), "Content-Type", "application/json"), 415,
        "unsupported-media-type");
    assertValidation(importLines(http, "?mode=merge", "{}"), "mode");
    assertValidation(http.send("POST", "/v1/import", "{}".getBytes(), "Content-Type", "application/x-ndjson",
        "If-Match", "*"), "If-Match");
  }

  @Test
  @DisplayName("Imported models count against MODEL_REGISTRY_MAX_MODELS; a full registry still overwrites; past the size limit 413")
  void capAndSize() {
    RegistryNode small = TestNodes.single(Map.of("MODEL_REGISTRY_MAX_MODELS", "3", "MODEL_REGISTRY_IMPORT_MAX_SIZE",
        "4096"));
    try {
      Http client = TestNodes.http(small);
      String prefix = "cap-" + UUID.randomUUID().toString().substring(0, 8);
      String[] lines = IntStream.range(0, 5).mapToObj(i -> line(backupModel(prefix + "-" + i, "uid-" + i, 1, "1")))
          .toArray(String[]::new);
      JsonObject summary = importLines(client, "", lines).json();
      assertThat(summary.getLong("created")).isEqualTo(3);
      assertThat(summary.getJsonArray("failed")).hasSize(2).allSatisfy(entry -> {
        assertThat(((JsonObject) entry).getInteger("status")).isEqualTo(409);
        assertThat(((JsonObject) entry).getString("type")).endsWith("registry-full");
      });
      assertThat(client.get("/v1/models").json().getJsonArray("items")).hasSize(3);
      String existing = ((JsonObject) client.get("/v1/models").json().getJsonArray("items").getValue(0)).getString("id");
      assertThat(importLines(client, "?mode=overwrite", line(backupModel(existing, "uid-new", 1, "7"))).json()
          .getLong("overwritten")).isEqualTo(1);

      String big = line(backupModel(prefix + "-big", "uid", 1, "1")) + "\n" + "x".repeat(5000);
      Reply tooLarge = client.send("POST", "/v1/import", big.getBytes(StandardCharsets.UTF_8),
          "Content-Type", "application/x-ndjson");
      assertProblem(tooLarge, 413, "payload-too-large");
    } finally {
      TestNodes.stop(small);
    }
  }
}
