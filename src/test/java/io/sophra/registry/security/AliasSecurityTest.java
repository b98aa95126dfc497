package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.events.EventAddresses;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Aliases are permission-checked, audited, published and capped")
class AliasSecurityTest {

  private static RegistryNode node;
  private static Http admin;
  private static Http anonymous;
  private static String model;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single(Map.of("MODEL_REGISTRY_MAX_ALIASES", "3"));
    admin = TestNodes.http(node);
    anonymous = new Http(TestNodes.url(node));
    model = "sec-model-" + UUID.randomUUID();
    assertThat(admin.post("/v1/models", new JsonObject().put("id", model).put("baseModel", "b").put("version", "1")
        .put("status", "ready").encode()).status()).isEqualTo(201);
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static Http as(String subject, String... roles) {
    return anonymous.withHeader("Authorization", "Bearer " + TestTokens.forRoles(subject, roles));
  }

  private static String body() {
    return new JsonObject().put("variants", new JsonArray().add(new JsonObject().put("modelId", model).put("weight", 100)))
        .encode();
  }

  private static Reply put(Http http, String name, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http.send("PUT", "/v1/aliases/" + name, body.getBytes(), all);
  }

  enum Route {
    PUT(201, (http, name) -> put(http, name + "-new", body())),
    LIST(200, (http, name) -> http.get("/v1/aliases")),
    GET(200, (http, name) -> http.get("/v1/aliases/" + name)),
    RESOLVE(200, (http, name) -> http.get("/v1/aliases/" + name + "/resolve?subject=s")),
    DELETE(204, (http, name) -> http.delete("/v1/aliases/" + name));

    final int success;
    final java.util.function.BiFunction<Http, String, Reply> call;

    Route(int success, java.util.function.BiFunction<Http, String, Reply> call) {
      this.success = success;
      this.call = call;
    }
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
      "none, PUT, 401", "none, LIST, 401", "none, GET, 401", "none, RESOLVE, 401", "none, DELETE, 401",
      "reader, PUT, 403", "reader, LIST, 200", "reader, GET, 200", "reader, RESOLVE, 200", "reader, DELETE, 403",
      "writer, PUT, 403", "writer, LIST, 200", "writer, GET, 200", "writer, RESOLVE, 200", "writer, DELETE, 403",
      "no-roles, PUT, 403", "no-roles, LIST, 403", "no-roles, GET, 403", "no-roles, RESOLVE, 403", "no-roles, DELETE, 403",
      "admin, PUT, 201", "admin, LIST, 200", "admin, GET, 200", "admin, RESOLVE, 200", "admin, DELETE, 204"})
  @DisplayName("Managing aliases needs MANAGE_ALIAS (admin), reading and resolving READ_MODEL; no token is 401")
  void permissions(String role, Route route, int expected) {
    String name = "perm-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(put(admin, name, body()).status()).isEqualTo(201);
    Http caller = switch (role) {
      case "none" -> anonymous;
      case "no-roles" -> as("user-none");
      default -> as("user-" + role, role);
    };
    Reply reply = route.call.apply(caller, name);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
    if (expected == 401) {
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }
    if (expected >= 400) {
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(admin.get("/v1/aliases/" + name).status()).isEqualTo(route == Route.DELETE && expected == 204 ? 404 : 200);
    assertThat(admin.get("/v1/aliases/" + name + "-new").status()).isEqualTo(expected == 201 ? 200 : 404);
    admin.delete("/v1/aliases/" + name);
    admin.delete("/v1/aliases/" + name + "-new");
  }

  @Test
  @DisplayName("Create, update and delete leave one audit entry each under alias:<name>; a no-op PUT and refusals leave none")
  void audited() {
    String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
    try (LogCapture audit = LogCapture.audit()) {
      Reply created = put(admin, name, body());
      put(admin, name, body());
      Reply updated = put(admin, name, new JsonObject(body()).put("salt", "s2").put("description", "d").encode());
      assertThat(put(admin, name, body(), "If-Match", created.header("ETag")).status()).isEqualTo(412);
      assertThat(put(as("reader", "reader"), name, body()).status()).isEqualTo(403);
      assertThat(admin.delete("/v1/aliases/" + name).status()).isEqualTo(204);

      JsonArray entries = admin.get("/v1/audit?limit=10").json().getJsonArray("items");
      List<JsonObject> mine = entries.stream().map(JsonObject.class::cast)
          .filter(entry -> entry.getString("modelId").equals("alias:" + name)).toList();
      assertThat(mine).extracting(entry -> entry.getString("action"))
          .containsExactly("alias_delete", "alias_update", "alias_create");
      JsonObject create = mine.get(2);
      assertThat(create.getString("actor")).isEqualTo("test-admin");
      assertThat(create.getString("uid")).isEqualTo(created.json().getString("uid"));
      assertThat(create.getLong("revision")).isEqualTo(1);
      assertThat(create.getJsonArray("changes").getJsonObject(0)).isEqualTo(new JsonObject().put("field", "/variants")
          .putNull("old").put("new", new JsonArray().add(new JsonObject().put("modelId", model).put("weight", 100))));
      JsonObject update = mine.get(1);
      assertThat(update.getLong("revision")).isEqualTo(2);
      assertThat(update.getJsonArray("changes")).containsExactlyInAnyOrder(
          new JsonObject().put("field", "/salt").put("old", name).put("new", "s2"),
          new JsonObject().put("field", "/description").put("old", "").put("new", "d"));
      assertThat(mine.get(0).getLong("revision")).isEqualTo(2);
      assertThat(updated.json().getLong("revision")).isEqualTo(2);

      assertThat(admin.get("/v1/audit?action=alias_create&limit=1000").json().getJsonArray("items").stream()
          .map(JsonObject.class::cast).filter(entry -> entry.getString("modelId").equals("alias:" + name))).hasSize(1);
      List<String> refusals = audit.jsonLines().stream().filter(line -> "refused".equals(line.getString("outcome")))
          .map(line -> line.getString("reason")).toList();
      assertThat(refusals).containsExactly("precondition_failed", "forbidden");
    }
  }

  @Test
  @DisplayName("Every stored alias change is one event on aliases.changed with revisions 1, 2, 3; no-ops and refusals publish nothing")
  void published() {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = node.vertx().eventBus().consumer(EventAddresses.ALIASES_CHANGED,
        message -> events.add(message.body()));
    Futures.await(consumer.completion());
    try {
      String name = "events-" + UUID.randomUUID().toString().substring(0, 8);
      Reply created = put(admin, name, body());
      put(admin, name, body());
      put(as("alias-admin", "admin"), name, new JsonObject(body()).put("salt", "s2").encode());
      put(as("reader", "reader"), name, body());
      admin.delete("/v1/aliases/" + name);
      await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 3);
      assertThat(events).extracting(event -> event.getString("type")).containsExactly("created", "updated", "deleted");
      assertThat(events).extracting(event -> event.getLong("revision")).containsExactly(1L, 2L, 3L);
      assertThat(events).extracting(event -> event.getString("actor"))
          .containsExactly("test-admin", "alias-admin", "test-admin");
      assertThat(events).allSatisfy(event -> {
        assertThat(event.getString("name")).isEqualTo(name);
        assertThat(event.getString("uid")).isEqualTo(created.json().getString("uid"));
        assertThat(event.getJsonArray("variants").getJsonObject(0).getString("modelId")).isEqualTo(model);
        assertThat(event.getString("at")).isNotBlank();
      });
    } finally {
      consumer.unregister();
    }
  }

  @Test
  @DisplayName("MODEL_REGISTRY_MAX_ALIASES caps the aliases (409 registry-full); replacing one at the cap works, deleting frees a slot")
  void capped() {
    List<String> names = java.util.stream.IntStream.range(0, 3)
        .mapToObj(i -> "cap-" + i + "-" + UUID.randomUUID().toString().substring(0, 6)).toList();
    Function<String, Integer> create = name -> put(admin, name, body()).status();
    try {
      int created = 0;
      for (String name : names) {
        created += create.apply(name) == 201 ? 1 : 0;
      }
      assertThat(created).isEqualTo(3);
      Reply full = put(admin, "cap-extra-" + UUID.randomUUID().toString().substring(0, 6), body());
      assertThat(full.status()).isEqualTo(409);
      assertThat(full.problemType()).isEqualTo("registry-full");
      assertThat(full.json().getString("detail")).contains("MODEL_REGISTRY_MAX_ALIASES");
      assertThat(put(admin, names.get(0), new JsonObject(body()).put("salt", "other").encode()).status()).isEqualTo(200);
      assertThat(admin.delete("/v1/aliases/" + names.get(0)).status()).isEqualTo(204);
      assertThat(create.apply(names.get(0))).isEqualTo(201);
    } finally {
      names.forEach(name -> admin.delete("/v1/aliases/" + name));
    }
  }
}
