package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MODEL_REGISTRY_MAX_MODELS caps the number of models")
class RegistryFullTest {

  private static RegistryNode node;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNodes.single(Map.of("MODEL_REGISTRY_MAX_MODELS", "3"));
    http = TestNodes.http(node);
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  private static String model(String id) {
    return new JsonObject().put("id", id).put("baseModel", "b").put("version", "1").encode();
  }

  @Test
  @DisplayName("The model past the cap is 409 registry-full and not stored; a delete frees a slot; refused duplicates take none")
  void cap() {
    for (String id : new String[] {"m1", "m2", "m3"}) {
      assertThat(http.post("/v1/models", model(id)).status()).isEqualTo(201);
    }
    var full = http.post("/v1/models", model("m4"));
    ApiTestBase.assertProblem(full, 409, "registry-full");
    assertThat(full.json().getString("detail")).contains("MODEL_REGISTRY_MAX_MODELS");
    assertThat(http.get("/v1/models/m4").status()).isEqualTo(404);

    assertThat(http.delete("/v1/models/m1").status()).isEqualTo(204);
    ApiTestBase.assertProblem(http.post("/v1/models", model("m2")), 409, "already-exists");
    assertThat(http.post("/v1/models", model("m4")).status()).isEqualTo(201);
    ApiTestBase.assertProblem(http.post("/v1/models", model("m5")), 409, "registry-full");
    assertThat(http.get("/v1/models").json().getJsonArray("items")).hasSize(3);
  }
}
