package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("POST /v1/models registers a model")
class RegisterModelTest {

  private static RegistryNode node;
  private static Http http;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single();
    http = TestNodes.http(node);
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("A new model is stored at revision 1 with Location, ETag and server-set fields")
  void registersAtRevisionOne() {
    Reply reply = http.post("/v1/models", """
        {"id":"semantic_search_v2","baseModel":"sophra-base","version":"2.0.0",
         "parameters":{"embeddingDimension":768},"metadata":{"author":"AI Team"}}""");

    assertThat(reply.status()).isEqualTo(201);
    JsonObject model = reply.json();
    assertThat(reply.header("Location")).isEqualTo("/v1/models/semantic_search_v2");
    assertThat(reply.header("ETag")).isEqualTo("\"" + model.getString("uid") + ".1\"");
    assertThat(model.getLong("revision")).isEqualTo(1);
    assertThat(model.getString("status")).isEqualTo("initializing");
    assertThat(model.getJsonObject("parameters").getInteger("embeddingDimension")).isEqualTo(768);
    assertThat(http.get("/v1/models/semantic_search_v2").json()).isEqualTo(model);
  }
}
