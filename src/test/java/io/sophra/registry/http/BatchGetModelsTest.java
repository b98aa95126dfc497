package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /v1/models/_batchGet reads several models at once")
class BatchGetModelsTest extends ApiTestBase {

  @Test
  @DisplayName("Found models come back in request order, the rest as missing, duplicates once")
  void itemsAndMissing() {
    String a = newId("ab-a");
    String b = newId("ab-b");
    register(a);
    register(b);
    Reply reply = http.post("/v1/models/_batchGet",
        new JsonObject().put("ids", new JsonArray().add(b).add("ghost").add(a).add(b)).encode());
    assertThat(reply.status()).isEqualTo(200);
    JsonArray items = reply.json().getJsonArray("items");
    assertThat(items.stream().map(item -> ((JsonObject) item).getString("id"))).containsExactly(b, a);
    assertThat(items.getJsonObject(0).getJsonObject("parameters")).isNotNull();
    assertThat(reply.json().getJsonArray("missing")).containsExactly("ghost");
  }

  @Test
  @DisplayName("100 ids are accepted and 101 refused")
  void sizeLimit() {
    JsonArray hundred = new JsonArray();
    IntStream.range(0, 100).forEach(i -> hundred.add("id-" + i));
    assertThat(http.post("/v1/models/_batchGet", new JsonObject().put("ids", hundred).encode()).json()
        .getJsonArray("missing")).hasSize(100);
    assertValidation(http.post("/v1/models/_batchGet", new JsonObject().put("ids", hundred.copy().add("one-more")).encode()), "/ids");
  }

  @Test
  @DisplayName("A missing, empty or non-array ids, a bad id, or an extra field is 400 naming it")
  void badRequests() {
    assertValidation(http.post("/v1/models/_batchGet", "{}"), "/ids");
    assertValidation(http.post("/v1/models/_batchGet", "{\"ids\":[]}"), "/ids");
    assertValidation(http.post("/v1/models/_batchGet", "{\"ids\":\"a\"}"), "/ids");
    assertValidation(http.post("/v1/models/_batchGet", "{\"ids\":[\"ok\", \"../x\"]}"), "/ids/1");
    assertValidation(http.post("/v1/models/_batchGet", "{\"ids\":[\"ok\", 7]}"), "/ids/1");
    assertValidation(http.post("/v1/models/_batchGet", "{\"ids\":[\"ok\"], \"view\":\"x\"}"), "/view");
    assertValidation(http.post("/v1/models/_batchGet", "[\"ok\"]"), "/");
    assertProblem(http.post("/v1/models/_batchGet", "{\"ids\":[\"ok\"]}", "Content-Type", "text/plain"), 415,
        "unsupported-media-type");
  }
}
