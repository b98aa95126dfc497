package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectModelGet} in front of a stand-in for the router that answers 599: which requests it
 * serves itself (and how), and that it leaves every other one untouched for the router. The node's
 * own API serves the same requests through the real router in {@code GetModelTest}.
 */
@DisplayName("GET /v1/models/{id} without the router: ordinary requests only, answered as the router would")
class DirectModelGetTest extends ApiTestBase {

  private static final int ROUTER = DirectRouteFixture.ROUTER;
  private static DirectRouteFixture fixture;
  private static Http direct;
  private static String token;
  private static String base;
  private static SimpleMeterRegistry meters;

  @BeforeAll
  static void startServer() {
    fixture = new DirectRouteFixture(node, services -> new DirectModelGet(services)::serve);
    meters = fixture.meters;
    token = TestTokens.admin();
    base = fixture.base();
    direct = new Http(base).withHeader("Authorization", "Bearer " + token);
    known(token);
  }

  @AfterAll
  static void stopServer() {
    fixture.close();
  }

  private static void known(String token) {
    fixture.known(token);
  }

  @Test
  @DisplayName("A stored model: the same status, headers and bytes as through the router, with a request id")
  void servesTheModel() {
    String id = newId("direct");
    register(id);
    Reply routed = http.get("/v1/models/" + id);
    Reply served = direct.get("/v1/models/" + id);
    assertThat(served.status()).as(served.toString()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(routed.body());
    assertThat(served.header("ETag")).isEqualTo(routed.header("ETag"));
    assertThat(served.header("Content-Type")).isEqualTo("application/json");
    assertThat(served.header(RequestIds.HEADER)).isNotBlank();
    assertThat(direct.get("/v1/models/" + id, RequestIds.HEADER, "trace-42").header(RequestIds.HEADER))
        .isEqualTo("trace-42");
  }

  @Test
  @DisplayName("Its access line names the route template, the status, the actor and the request id")
  void accessLine() {
    String id = newId("direct-line");
    register(id);
    try (LogCapture access = LogCapture.of(AccessLog.LOGGER)) {
      assertThat(direct.get("/v1/models/" + id, RequestIds.HEADER, "direct-line-1").status()).isEqualTo(200);
      assertThat(RequestIdTest.fields(RequestIdTest.awaitLine(access, "direct-line-1")))
          .containsEntry("method", "GET").containsEntry("route", DirectModelGet.ROUTE).containsEntry("status", "200")
          .containsEntry("actor", "test-admin").containsEntry("completed", "true");
    }
  }

  @Test
  @DisplayName("Each request it serves is counted under the route template and its status")
  void metrics() {
    String id = newId("direct-metrics");
    register(id);
    double ok = served(200);
    double missing = served(404);
    direct.get("/v1/models/" + id);
    direct.get("/v1/models/" + id);
    direct.get("/v1/models/direct-metrics-none");
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(served(200)).isEqualTo(ok + 2);
      assertThat(served(404)).isEqualTo(missing + 1);
    });
  }

  private static double served(int status) {
    Timer timer = meters.find(RequestMetrics.NAME).tags("route", DirectModelGet.ROUTE, "method", "GET",
        "status", Integer.toString(status)).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  @DisplayName("If-None-Match with the current ETag is 304 with the ETag and no body")
  void notModified() {
    String id = newId("direct-etag");
    register(id);
    String etag = http.get("/v1/models/" + id).header("ETag");
    Reply reply = direct.get("/v1/models/" + id, "If-None-Match", etag);
    assertThat(reply.status()).isEqualTo(304);
    assertThat(reply.header("ETag")).isEqualTo(etag);
    assertThat(reply.body()).isEmpty();
  }

  @Test
  @DisplayName("A model that does not exist is the router's 404 problem, from the same failure")
  void missingModel() {
    Reply routed = http.get("/v1/models/never-registered-direct");
    Reply served = direct.get("/v1/models/never-registered-direct");
    assertProblem(served, 404, "not-found");
    assertThat(served.json()).isEqualTo(routed.json());
  }

  @Test
  @DisplayName("Anything out of the ordinary goes to the router untouched: no request id, no answer of its own")
  void leavesTheRestToTheRouter() {
    String id = newId("direct-rest");
    register(id);
    String path = "/v1/models/" + id;
    List<Reply> replies = List.of(
        direct.get(path + "?fields=all"),
        direct.get("/v1/models/a%2Fb"),
        direct.get(path + "/history"),
        direct.get("/v1/models/-bad"),
        direct.get("/v1/models/"),
        direct.get("/v1/models"),
        direct.get(path, "If-None-Match", "not-an-etag"),
        direct.send("GET", path, "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
        direct.delete(path),
        direct.post("/v1/models", body(newId("direct-post")).encode()),
        new Http(base).get(path),
        new Http(base).withHeader("Authorization", "Basic dXNlcjpwYXNz").get(path),
        // a valid token this node has not verified yet: the router's authentication checks it
        new Http(base).withHeader("Authorization", "Bearer " + TestTokens.forRoles("new", "admin"))
            .get(path));
    assertThat(replies).allSatisfy(reply -> {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(ROUTER);
      assertThat(reply.header(RequestIds.HEADER)).as(reply.toString()).isNull();
    });
    assertThat(http.get(path).status()).as("the model is still there").isEqualTo(200);
  }

  @Test
  @DisplayName("A verified token without READ_MODEL goes to the router, which refuses it; with it, served directly")
  void permission() {
    String id = newId("direct-perm");
    JsonObject model = register(id);
    String writerless = TestTokens.forRoles("auditor-only", "no-such-role");
    known(writerless);
    Reply refused = new Http(base).withHeader("Authorization", "Bearer " + writerless)
        .get("/v1/models/" + id);
    assertThat(refused.status()).isEqualTo(ROUTER);
    String reader = TestTokens.forRoles("reader-1", "reader");
    known(reader);
    Reply read = new Http(base).withHeader("Authorization", "Bearer " + reader).get("/v1/models/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(model);
  }
}
