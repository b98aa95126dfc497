package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.registry.Caller;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("GET /v1/models/{id} reads one model")
class GetModelTest extends ApiTestBase {

  @Test
  @DisplayName("A stored model is 200 with its ETag")
  void found() {
    String id = newId("get");
    JsonObject model = register(id);
    Reply reply = http.get("/v1/models/" + id);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.header("ETag")).isEqualTo("\"" + model.getString("uid") + ".1\"");
    assertThat(reply.json()).isEqualTo(model);
  }

  @Test
  @DisplayName("The body is byte for byte the model's JSON encoding, before and after an update, read again and again")
  void bodyIsTheEncodedModel() throws Exception {
    String id = newId("bytes");
    register(id);
    for (String version : new String[] {"1.0.0", "2.0.0"}) {
      if (!version.equals("1.0.0")) {
        http.patch("/v1/models/" + id, "{\"version\":\"" + version + "\",\"parameters\":{\"é\":[1.5,null,\"x\"]}}");
      }
      ModelConfig stored = node.registry().getModel(Caller.system("test"), new ModelId(id))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      String encoded = ModelJson.toJson(stored).toBuffer().toString(StandardCharsets.UTF_8);
      for (int read = 0; read < 3; read++) {
        Reply reply = http.get("/v1/models/" + id);
        assertThat(reply.body()).isEqualTo(encoded);
        assertThat(reply.header("ETag")).isEqualTo(stored.etag());
      }
      assertThat(stored.version()).isEqualTo(version);
    }
  }

  @Test
  @DisplayName("A GET that sends a small body anyway is answered as without it")
  void getWithABody() {
    String id = newId("get-body");
    JsonObject model = register(id);
    Reply reply = http.send("GET", "/v1/models/" + id, "{\"ignored\":true}".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json()).isEqualTo(model);
  }

  @Test
  @DisplayName("If-None-Match with the current ETag is 304 without a body; a stale one is 200")
  void conditionalGet() {
    String id = newId("etag");
    register(id);
    String etag = http.get("/v1/models/" + id).header("ETag");
    Reply notModified = http.get("/v1/models/" + id, "If-None-Match", etag);
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.header("ETag")).isEqualTo(etag);

    http.patch("/v1/models/" + id, "{\"version\":\"1.0.1\"}");
    assertThat(http.get("/v1/models/" + id, "If-None-Match", etag).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("An unknown id is 404 not-found naming the id")
  void notFound() {
    Reply reply = http.get("/v1/models/never-registered");
    assertProblem(reply, 404, "not-found");
    assertThat(reply.json().getString("detail")).contains("never-registered");
  }

  @ParameterizedTest(name = "path id {0}")
  @ValueSource(strings = {"a%2Fb", "with%20space", "%C3%BCnicode", "a..b", "-x", "ctl%01"})
  @DisplayName("A malformed id in the path is 400, never a lookup")
  void malformedId(String id) {
    assertValidation(http.get("/v1/models/" + id), "id");
  }

  @Test
  @DisplayName("An id longer than 128 characters in the path is 400")
  void longId() {
    assertValidation(http.get("/v1/models/" + "a".repeat(129)), "id");
  }
}
