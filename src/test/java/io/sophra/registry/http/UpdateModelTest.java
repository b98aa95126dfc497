package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PATCH /v1/models/{id} applies a JSON Merge Patch")
class UpdateModelTest extends ApiTestBase {

  @Test
  @DisplayName("A patch merges, bumps the revision, keeps uid and createdAt, and returns the new ETag")
  void merges() {
    String id = newId("patch");
    JsonObject before = register(id);
    Reply reply = http.patch("/v1/models/" + id,
        "{\"status\":\"training\",\"parameters\":{\"contextWindow\":512,\"embeddingDimension\":null}}");
    assertThat(reply.status()).isEqualTo(200);
    JsonObject after = reply.json();
    assertThat(after.getLong("revision")).isEqualTo(2);
    assertThat(after.getString("uid")).isEqualTo(before.getString("uid"));
    assertThat(after.getString("createdAt")).isEqualTo(before.getString("createdAt"));
    assertThat(after.getString("status")).isEqualTo("training");
    assertThat(after.getJsonObject("parameters")).isEqualTo(new JsonObject().put("contextWindow", 512));
    assertThat(after.getJsonObject("metadata")).isEqualTo(before.getJsonObject("metadata"));
    assertThat(reply.header("ETag")).isEqualTo("\"" + before.getString("uid") + ".2\"");
    assertThat(http.get("/v1/models/" + id).json()).isEqualTo(after);
  }

  @Test
  @DisplayName("application/json is read as a merge patch too")
  void plainJsonAccepted() {
    String id = newId("plain");
    register(id);
    assertThat(http.patch("/v1/models/" + id, "{\"version\":\"2.0.0\"}", "Content-Type", "application/json").status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("If-Match with the current ETag succeeds; a stale one is 412 with the current ETag, unchanged")
  void ifMatch() {
    String id = newId("ifmatch");
    register(id);
    String etag1 = http.get("/v1/models/" + id).header("ETag");
    Reply ok = http.patch("/v1/models/" + id, "{\"version\":\"1.1.0\"}", "If-Match", etag1);
    assertThat(ok.status()).isEqualTo(200);

    Reply stale = http.patch("/v1/models/" + id, "{\"version\":\"1.2.0\"}", "If-Match", etag1);
    assertProblem(stale, 412, "revision-mismatch");
    assertThat(stale.header("ETag")).isEqualTo(ok.header("ETag"));
    assertThat(http.get("/v1/models/" + id).json().getString("version")).isEqualTo("1.1.0");
  }

  @Test
  @DisplayName("A patch that changes nothing keeps the revision")
  void noOp() {
    String id = newId("noop");
    register(id);
    Reply reply = http.patch("/v1/models/" + id, "{\"version\":\"1.0.0\",\"metadata\":{\"author\":\"AI Team\"}}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getLong("revision")).isEqualTo(1);
  }

  @Test
  @DisplayName("An illegal status move is 409 illegal-transition and changes nothing")
  void illegalTransition() {
    String id = newId("lifecycle");
    register(id);
    http.patch("/v1/models/" + id, "{\"status\":\"training\"}");
    Reply reply = http.patch("/v1/models/" + id, "{\"status\":\"initializing\",\"version\":\"3.0.0\"}");
    assertProblem(reply, 409, "illegal-transition");
    JsonObject stored = http.get("/v1/models/" + id).json();
    assertThat(stored.getString("status")).isEqualTo("training");
    assertThat(stored.getString("version")).isEqualTo("1.0.0");
    assertThat(stored.getLong("revision")).isEqualTo(2);
  }

  @Test
  @DisplayName("Invalid patches are 400 naming the field and change nothing")
  void invalidPatches() {
    String id = newId("invalid");
    JsonObject before = register(id);
    assertValidation(http.patch("/v1/models/" + id, "{\"baseModel\":null}"), "/baseModel");
    assertValidation(http.patch("/v1/models/" + id, "{\"status\":\"finished\"}"), "/status");
    assertValidation(http.patch("/v1/models/" + id, "{\"id\":\"renamed\"}"), "/id");
    assertValidation(http.patch("/v1/models/" + id, "{\"colour\":\"red\"}"), "/colour");
    assertValidation(http.patch("/v1/models/" + id, "{\"parameters\":[1]}"), "/parameters");
    assertValidation(http.patch("/v1/models/" + id, "{\"version\":\"1 0\"}"), "/version");
    assertValidation(http.patch("/v1/models/" + id, "[]"), "/");
    assertValidation(http.patch("/v1/models/" + id, "{bad json"), "/");
    assertThat(http.get("/v1/models/" + id).json()).isEqualTo(before);
  }

  @Test
  @DisplayName("An unknown model is 404; a malformed id 400; a non-JSON body 415")
  void otherFailures() {
    assertProblem(http.patch("/v1/models/ghost-model", "{\"version\":\"2\"}"), 404, "not-found");
    assertValidation(http.patch("/v1/models/a..b", "{\"version\":\"2\"}"), "id");
    String id = newId("media");
    register(id);
    assertProblem(http.patch("/v1/models/" + id, "{\"version\":\"2\"}", "Content-Type", "application/xml"), 415,
        "unsupported-media-type");
  }
}
