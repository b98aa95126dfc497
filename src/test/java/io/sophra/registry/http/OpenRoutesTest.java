package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Operations routes are open; everything under /v1 needs a token")
class OpenRoutesTest {

  private static RegistryNode node;
  private static Http anonymous;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single();
    anonymous = new Http(TestNodes.url(node));
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/health/live", "/health/ready", "/metrics", "/openapi.yaml", "/docs/"})
  @DisplayName("An operations route answers 200 without a token")
  void openWithoutToken(String path) {
    assertThat(anonymous.get(path).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/v1/models", "/v1/models/some-id", "/v1/models/some-id/history", "/v1/audit",
      "/v1/no-such-route"})
  @DisplayName("A /v1 route answers 401 without a token, even one that does not exist")
  void v1NeedsToken(String path) {
    Reply reply = anonymous.get(path);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  @DisplayName("/metrics serves Prometheus text with the refusal counter by reason")
  void metricsCountRefusals() {
    double before = refusals("unauthenticated");
    anonymous.get("/v1/models");
    anonymous.get("/v1/models");
    Http reader = anonymous.withHeader("Authorization", "Bearer " + TestTokens.forRoles("r", "reader"));
    double forbiddenBefore = refusals("forbidden");
    reader.delete("/v1/models/whatever");

    assertThat(refusals("unauthenticated")).isEqualTo(before + 2);
    assertThat(refusals("forbidden")).isEqualTo(forbiddenBefore + 1);
    String metrics = anonymous.get("/metrics").body();
    assertThat(metrics).contains("registry_http_requests_seconds_count{method=\"GET\",route=\"/v1/models\",status=\"401\"}")
        .contains("registry_http_requests_seconds_count{method=\"DELETE\",route=\"/v1/models/:id\",status=\"403\"}")
        .as("Vert.x's own HTTP server metrics are off: the API records its requests itself")
        .doesNotContain("vertx_http_server_requests_total");
  }

  private static double refusals(String reason) {
    String prefix = "registry_refusals_total{reason=\"" + reason + "\"} ";
    return anonymous.get("/metrics").body().lines().filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix));
  }
}
