package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectAliasResolve} in front of a stand-in for the router that answers 599: which requests
 * it serves itself, and that it leaves every other one untouched. The node's own API compared with
 * is reached with the subject percent-encoded ({@code user%2D7} reads {@code user-7}), which only the
 * router decodes, so the comparison is with the router's answer.
 */
@DisplayName("GET /v1/aliases/{name}/resolve without the router: ordinary requests only, answered as the router would")
class DirectAliasResolveTest extends ApiTestBase {

  private static final int ROUTER = DirectRouteFixture.ROUTER;
  private static DirectRouteFixture fixture;
  private static Http direct;
  private static String base;
  private static SimpleMeterRegistry meters;
  private static String alias;

  @BeforeAll
  static void startServer() {
    fixture = new DirectRouteFixture(node, services -> new DirectAliasResolve(services)::serve);
    meters = fixture.meters;
    String token = TestTokens.admin();
    base = fixture.base();
    direct = new Http(base).withHeader("Authorization", "Bearer " + token);
    known(token);
    alias = newId("direct-alias");
    Reply created = AliasApiTest.put(alias, AliasApiTest.aliasBody(AliasApiTest.readyModel("da"), 50,
        AliasApiTest.readyModel("db"), 50).put("salt", "direct-salt"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  @AfterAll
  static void stopServer() {
    fixture.close();
  }

  private static void known(String token) {
    fixture.known(token);
  }

  private static String path(String name) {
    return "/v1/aliases/" + name + "/resolve";
  }

  @Test
  @DisplayName("A subject's resolution: the same status, ETag and bytes as through the router, with a request id")
  void servesTheResolution() {
    for (int i = 0; i < 10; i++) {
      Reply routed = http.get(path(alias) + "?subject=user%2D" + i);
      Reply served = direct.get(path(alias) + "?subject=user-" + i);
      assertThat(served.status()).as(served.toString()).isEqualTo(200);
      assertThat(served.body()).isEqualTo(routed.body());
      assertThat(served.json().getString("subject")).isEqualTo("user-" + i);
      assertThat(served.header("ETag")).isEqualTo(routed.header("ETag"));
      assertThat(served.header("Content-Type")).isEqualTo("application/json");
      assertThat(served.header(RequestIds.HEADER)).isNotBlank();
    }
  }

  @Test
  @DisplayName("Without a subject (an empty query too) it is a weighted random pick, served here too")
  void randomPick() {
    for (String path : List.of(path(alias), path(alias) + "?")) {
      Reply served = direct.get(path);
      assertThat(served.status()).as(served.toString()).isEqualTo(200);
      assertThat(served.json().getString("reason")).isEqualTo("random");
      assertThat(served.json().containsKey("subject")).isFalse();
    }
  }

  @Test
  @DisplayName("Its access line and its metrics name the route template")
  void accessLineAndMetrics() {
    double ok = served(200);
    try (LogCapture access = LogCapture.of(AccessLog.LOGGER)) {
      assertThat(direct.get(path(alias) + "?subject=u1", RequestIds.HEADER, "direct-resolve-1").status())
          .isEqualTo(200);
      assertThat(RequestIdTest.fields(RequestIdTest.awaitLine(access, "direct-resolve-1")))
          .containsEntry("method", "GET").containsEntry("route", DirectAliasResolve.ROUTE)
          .containsEntry("status", "200").containsEntry("actor", "test-admin");
    }
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(served(200)).isEqualTo(ok + 1));
  }

  private static double served(int status) {
    Timer timer = meters.find(RequestMetrics.NAME).tags("route", DirectAliasResolve.ROUTE, "method", "GET",
        "status", Integer.toString(status)).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  @DisplayName("An alias that does not exist is the router's 404 problem, from the same failure")
  void missingAlias() {
    String missing = newId("never-aliased");
    Reply routed = http.get(path(missing) + "?subject=a%2Db");
    Reply served = direct.get(path(missing) + "?subject=a-b");
    assertProblem(served, 404, "not-found");
    assertThat(served.json()).isEqualTo(routed.json());
  }

  @Test
  @DisplayName("Anything out of the ordinary goes to the router untouched: no request id, no answer of its own")
  void leavesTheRestToTheRouter() {
    String path = path(alias);
    List<Reply> replies = List.of(
        direct.get(path + "?subject=a%2Db"),
        direct.get(path + "?subject=a+b"),
        direct.get(path + "?subject="),
        direct.get(path + "?subject=" + "x".repeat(257)),
        direct.get(path + "?subject=a&subject=b"),
        direct.get(path + "?subject=a;b"),
        direct.get(path + "?subject=a=b"),
        direct.get(path + "?other=1"),
        direct.get(path + "/"),
        direct.get("/v1/aliases/a..b/resolve"),
        direct.get("/v1/aliases/a%2Fb/resolve"),
        direct.get("/v1/aliases//resolve"),
        direct.get("/v1/aliases/resolve"),
        direct.get("/v1/aliases/" + alias),
        direct.send("GET", path, "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
        direct.send("POST", path, new byte[0]),
        new Http(base).get(path),
        new Http(base).withHeader("Authorization", "Basic dXNlcjpwYXNz").get(path),
        new Http(base).withHeader("Authorization", "Bearer " + TestTokens.forRoles("new-resolver", "admin")).get(path));
    assertThat(replies).allSatisfy(reply -> {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(ROUTER);
      assertThat(reply.header(RequestIds.HEADER)).as(reply.toString()).isNull();
    });
  }

  @Test
  @DisplayName("A verified token without the permission to resolve goes to the router, which refuses it; a reader is served")
  void permission() {
    String roleless = TestTokens.forRoles("resolver-without-role", "no-such-role");
    known(roleless);
    assertThat(new Http(base).withHeader("Authorization", "Bearer " + roleless).get(path(alias)).status())
        .isEqualTo(ROUTER);
    String reader = TestTokens.forRoles("resolver-reader", "reader");
    known(reader);
    Reply read = new Http(base).withHeader("Authorization", "Bearer " + reader).get(path(alias) + "?subject=r");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().getString("subject")).isEqualTo("r");
  }
}
