package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DELETE /v1/models/{id} removes a model")
class DeleteModelTest extends ApiTestBase {

  @Test
  @DisplayName("A delete is 204 and the model is gone; a second delete is 404")
  void deletes() {
    String id = newId("del");
    register(id);
    Reply reply = http.delete("/v1/models/" + id);
    assertThat(reply.status()).isEqualTo(204);
    assertThat(reply.body()).isEmpty();
    assertAbsent(id);
    assertProblem(http.delete("/v1/models/" + id), 404, "not-found");
  }

  @Test
  @DisplayName("A stale If-Match is 412 and the model stays; the current one deletes")
  void ifMatch() {
    String id = newId("del-if");
    JsonObject model = register(id);
    String etag1 = "\"" + model.getString("uid") + ".1\"";
    http.patch("/v1/models/" + id, "{\"status\":\"ready\"}");
    assertProblem(http.delete("/v1/models/" + id, "If-Match", etag1), 412, "revision-mismatch");
    assertThat(http.get("/v1/models/" + id).status()).isEqualTo(200);
    String etag2 = "\"" + model.getString("uid") + ".2\"";
    assertThat(http.delete("/v1/models/" + id, "If-Match", etag2).status()).isEqualTo(204);
  }

  @Test
  @DisplayName("A model registered again under a deleted id gets a new uid, so old ETags never match it")
  void reRegistration() {
    String id = newId("again");
    JsonObject first = register(id);
    http.delete("/v1/models/" + id);
    JsonObject second = register(id);
    assertThat(second.getString("uid")).isNotEqualTo(first.getString("uid"));
    assertThat(second.getLong("revision")).isEqualTo(1);
    String oldEtag = "\"" + first.getString("uid") + ".1\"";
    assertProblem(http.patch("/v1/models/" + id, "{\"status\":\"ready\"}", "If-Match", oldEtag), 412, "revision-mismatch");
    assertThat(http.get("/v1/models/" + id, "If-None-Match", oldEtag).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A malformed id is 400")
  void malformedId() {
    assertValidation(http.delete("/v1/models/bad%20id"), "id");
  }
}
