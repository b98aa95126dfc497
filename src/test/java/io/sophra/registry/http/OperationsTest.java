package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Operational endpoints and unknown routes")
class OperationsTest extends ApiTestBase {

  private final Http anonymous = new Http(TestNodes.url(node));

  @Test
  @DisplayName("/health/live and /health/ready answer 200 UP without a token once the node is up")
  void health() {
    for (String path : new String[] {"/health/live", "/health/ready"}) {
      Reply reply = anonymous.get(path);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.json().getString("status")).isEqualTo("UP");
    }
  }

  @Test
  @DisplayName("/health/ready turns 503 when the node stops being ready, and back")
  void readinessFollowsTheNode() {
    node.readiness().notReady("test says so");
    try {
      Reply reply = anonymous.get("/health/ready");
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.json().getString("status")).isEqualTo("DOWN");
      assertThat(anonymous.get("/health/live").status()).isEqualTo(200);
    } finally {
      node.readiness().ready();
    }
    assertThat(anonymous.get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("/openapi.yaml serves the contract without a token")
  void openApi() {
    Reply reply = anonymous.get("/openapi.yaml");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/yaml");
    assertThat(reply.body()).startsWith("openapi: 3.1.0").contains("/v1/models/{id}:");
  }

  @Test
  @DisplayName("An unknown path is a 404 problem and a wrong method a 405 problem")
  void unknownRoutes() {
    assertProblem(http.get("/v2/models"), 404, "not-found");
    assertProblem(http.send("PUT", "/v1/models", "{}".getBytes(), "Content-Type", "application/json"), 405,
        "method-not-allowed");
  }
}
