package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code /v1} route against every role of the default configuration (reader, writer, admin),
 * a role the configuration does not know and a token without roles: the success status or 403, and a
 * 403 changes nothing.
 */
@DisplayName("Every route × role gets its success status or 403")
class PermissionMatrixTest {

  enum Route {
    REGISTER(201, (http, id) -> http.post("/v1/models", "{\"id\":\"" + id + "-new\",\"baseModel\":\"b\",\"version\":\"1\"}")),
    LIST(200, (http, id) -> http.get("/v1/models")),
    BATCH_GET(200, (http, id) -> http.post("/v1/models/_batchGet", "{\"ids\":[\"" + id + "\"]}")),
    GET(200, (http, id) -> http.get("/v1/models/" + id)),
    UPDATE(200, (http, id) -> http.patch("/v1/models/" + id, "{\"metadata\":{\"touched\":true}}")),
    DELETE(204, (http, id) -> http.delete("/v1/models/" + id)),
    HISTORY(200, (http, id) -> http.get("/v1/models/" + id + "/history")),
    AUDIT(200, (http, id) -> http.get("/v1/audit"));

    final int success;
    final BiFunction<Http, String, Reply> call;

    Route(int success, BiFunction<Http, String, Reply> call) {
      this.success = success;
      this.call = call;
    }
  }

  private static final Map<String, Set<Route>> ALLOWED = Map.of(
      "reader", Set.of(Route.LIST, Route.BATCH_GET, Route.GET),
      "writer", Set.of(Route.REGISTER, Route.LIST, Route.BATCH_GET, Route.GET, Route.UPDATE),
      "admin", Set.of(Route.values()),
      "unknown-role", Set.of(),
      "no-roles", Set.of());

  private static RegistryNode node;
  private static Http admin;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single();
    admin = TestNodes.http(node);
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String role : List.of("reader", "writer", "admin", "unknown-role", "no-roles")) {
      for (Route route : Route.values()) {
        cases.add(Arguments.of(role, route, ALLOWED.get(role).contains(route) ? route.success : 403));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @MethodSource("cases")
  @DisplayName("A role gets the route's success status exactly when it holds the permission")
  void routeForRole(String role, Route route, int expected) {
    String id = "perm-" + UUID.randomUUID();
    assertThat(admin.post("/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
        .isEqualTo(201);
    String token = role.equals("no-roles") ? TestTokens.forRoles("user-none") : TestTokens.forRoles("user-" + role, role);
    Http caller = new Http(TestNodes.url(node)).withHeader("Authorization", "Bearer " + token);

    Reply reply;
    try (LogCapture logs = LogCapture.all()) {
      reply = route.call.apply(caller, id);
      assertThat(logs.errors()).as("a 403 is not logged as an error").isEmpty();
    }

    assertThat(reply.status()).as(reply.body()).isEqualTo(expected);
    if (expected == 403) {
      assertThat(reply.problemType()).isEqualTo("forbidden");
    }
    assertThat(admin.get("/v1/models/" + id + "-new").status()).isEqualTo(expected == 201 ? 200 : 404);
    Reply model = admin.get("/v1/models/" + id);
    if (route == Route.DELETE) {
      assertThat(model.status()).isEqualTo(expected == 204 ? 404 : 200);
    } else {
      assertThat(model.json().getLong("revision")).isEqualTo(route == Route.UPDATE && expected == 200 ? 2 : 1);
    }
  }
}
