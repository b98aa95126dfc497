package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("POST /v1/models registers a model")
class RegisterModelTest extends ApiTestBase {

  @Test
  @DisplayName("A new model is stored at revision 1 with Location, ETag and server-set fields")
  void registersAtRevisionOne() {
    String id = newId("semantic_search_v2");
    Reply reply = http.post("/v1/models", body(id).encode());

    assertThat(reply.status()).isEqualTo(201);
    JsonObject model = reply.json();
    assertThat(reply.header("Location")).isEqualTo("/v1/models/" + id);
    assertThat(reply.header("ETag")).isEqualTo("\"" + model.getString("uid") + ".1\"");
    assertThat(model.getLong("revision")).isEqualTo(1);
    assertThat(model.getString("status")).isEqualTo("initializing");
    assertThat(model.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
        .isEqualTo(model.getString("updatedAt"));
    assertThat(model.getJsonObject("parameters").getInteger("embeddingDimension")).isEqualTo(768);
    assertThat(http.get("/v1/models/" + id).json()).isEqualTo(model);
  }

  @Test
  @DisplayName("A second registration of the same id is 409 already-exists and leaves the first untouched")
  void duplicate() {
    String id = newId("dup");
    JsonObject first = register(id);
    Reply second = http.post("/v1/models", body(id).put("version", "9.9.9").encode());
    assertProblem(second, 409, "already-exists");
    assertThat(http.get("/v1/models/" + id).json()).isEqualTo(first);
  }

  @Test
  @DisplayName("Server-managed fields in the body are ignored: no back-dating, no forged revision")
  void serverFieldsIgnored() {
    String id = newId("forged");
    Reply reply = http.post("/v1/models", body(id).put("uid", "mine").put("revision", 42)
        .put("createdAt", "2000-01-01T00:00:00.000Z").encode());
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.json().getString("uid")).isNotEqualTo("mine");
    assertThat(reply.json().getLong("revision")).isEqualTo(1);
    assertThat(reply.json().getString("createdAt")).doesNotStartWith("2000");
  }

  @Test
  @DisplayName("A status other than initializing may be given at registration")
  void initialStatus() {
    String id = newId("ready");
    Reply reply = http.post("/v1/models", body(id).put("status", "ready").encode());
    assertThat(reply.json().getString("status")).isEqualTo("ready");
  }

  @Test
  @DisplayName("Malformed JSON is 400 naming the body, nothing stored")
  void malformedJson() {
    assertValidation(http.post("/v1/models", "{\"id\": \"broken\", "), "/");
    assertAbsent("broken");
  }

  @ParameterizedTest(name = "body {0}")
  @ValueSource(strings = {"[{\"id\":\"arr\"}]", "\"text\"", "42", "true", "null"})
  @DisplayName("An array or scalar instead of an object is 400")
  void notAnObject(String bodyText) {
    assertValidation(http.post("/v1/models", bodyText), "/");
  }

  @Test
  @DisplayName("An empty body is 400")
  void emptyBody() {
    assertValidation(http.post("/v1/models", ""), "/");
  }

  @Test
  @DisplayName("Missing fields, wrong types, unknown fields and a bad status are each named; nothing stored")
  void invalidFields() {
    String id = newId("bad");
    assertValidation(http.post("/v1/models", new JsonObject().put("id", id).encode()), "/baseModel");
    assertValidation(http.post("/v1/models", body(id).put("version", 2).encode()), "/version");
    assertValidation(http.post("/v1/models", body(id).put("parameters", new JsonArray()).encode()), "/parameters");
    assertValidation(http.post("/v1/models", body(id).put("owner", "x").encode()), "/owner");
    assertValidation(http.post("/v1/models", body(id).put("status", "deployed").encode()), "/status");
    assertAbsent(id);
  }

  @ParameterizedTest(name = "id {0}")
  @ValueSource(strings = {"", "a/b", "a..b", "with space", "ctrl\u0001", "ünïcode", "-dash-first"})
  @DisplayName("Malformed ids are 400 naming /id")
  void malformedIds(String id) {
    assertValidation(http.post("/v1/models", body(id).encode()), "/id");
  }

  @Test
  @DisplayName("An id of 129 characters is 400; parameters nested 17 levels or over 64 KiB are 400")
  void limits() {
    assertValidation(http.post("/v1/models", body("x".repeat(129)).encode()), "/id");
    String id = newId("deep");
    JsonObject deep = new JsonObject();
    JsonObject level = deep;
    for (int i = 0; i < 16; i++) {
      JsonObject child = new JsonObject();
      level.put("n", child);
      level = child;
    }
    assertValidation(http.post("/v1/models", body(id).put("parameters", deep).encode()), "/parameters");
    assertValidation(http.post("/v1/models", body(id).put("parameters",
        new JsonObject().put("blob", "x".repeat(70_000))).encode()), "/parameters");
    assertAbsent(id);
  }

  @Test
  @DisplayName("A body over 256 KiB is 413 payload-too-large, nothing stored")
  void tooLarge() {
    String id = newId("huge");
    String huge = body(id).put("metadata", new JsonObject().put("blob", "x".repeat(300 * 1024))).encode();
    assertProblem(http.send("POST", "/v1/models", huge.getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json"), 413, "payload-too-large");
    assertAbsent(id);
  }

  @Test
  @DisplayName("A body that is not declared as JSON is 415 unsupported-media-type")
  void wrongContentType() {
    String id = newId("typed");
    assertProblem(http.post("/v1/models", body(id).encode(), "Content-Type", "text/plain"), 415,
        "unsupported-media-type");
    assertProblem(http.send("POST", "/v1/models", body(id).encode().getBytes(StandardCharsets.UTF_8)), 415,
        "unsupported-media-type");
    assertAbsent(id);
    assertThat(http.post("/v1/models", body(id).encode(), "Content-Type", "application/json; charset=utf-8").status())
        .isEqualTo(201);
  }
}
