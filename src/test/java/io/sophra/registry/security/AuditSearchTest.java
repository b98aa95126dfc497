package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Permission;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit log is searchable newest first, in pages, and checked below HTTP")
class AuditSearchTest {

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

  private static Http as(String subject, String... roles) {
    return new Http(TestNodes.url(node)).withHeader("Authorization", "Bearer " + TestTokens.forRoles(subject, roles));
  }

  private static void register(Http http, String id) {
    assertThat(http.post("/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
        .isEqualTo(201);
  }

  private static List<String> ids(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().getJsonArray("items").stream()
        .map(entry -> ((JsonObject) entry).getString("action") + " " + ((JsonObject) entry).getString("modelId"))
        .toList();
  }

  @Test
  @DisplayName("actor, action and since filter; limit and cursor page through every match once, newest first")
  void filtersAndPages() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String alice = "alice-" + tag;
    Http asAlice = as(alice, "admin");
    Http asBob = as("bob-" + tag, "writer");
    register(asAlice, "a1-" + tag);
    register(asBob, "b1-" + tag);
    register(asAlice, "a2-" + tag);
    Instant middle = Instant.parse(admin.get("/v1/models/a2-" + tag).json().getString("updatedAt")).plusMillis(1);
    Awaitility.await().until(() -> Instant.now().isAfter(middle));
    assertThat(asAlice.patch("/v1/models/a1-" + tag, "{\"version\":\"2\"}").status()).isEqualTo(200);
    assertThat(asAlice.delete("/v1/models/a2-" + tag).status()).isEqualTo(204);

    assertThat(ids(admin.get("/v1/audit?actor=" + alice))).containsExactly(
        "delete a2-" + tag, "update a1-" + tag, "register a2-" + tag, "register a1-" + tag);
    assertThat(ids(admin.get("/v1/audit?actor=" + alice + "&action=register")))
        .containsExactly("register a2-" + tag, "register a1-" + tag);
    assertThat(ids(admin.get("/v1/audit?actor=" + alice + "&since=" + middle)))
        .containsExactly("delete a2-" + tag, "update a1-" + tag);

    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page = admin.get("/v1/audit?actor=" + alice + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
      paged.addAll(ids(page));
      cursor = page.json().getString("nextCursor");
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(2);
    assertThat(paged).containsExactly("delete a2-" + tag, "update a1-" + tag, "register a2-" + tag,
        "register a1-" + tag);
  }

  @Test
  @DisplayName("Entries come newest first by time, then id; a page of one at a time visits each entry once")
  void orderedByTimeThenId() {
    String actor = "orderly-" + UUID.randomUUID().toString().substring(0, 8);
    Http asActor = as(actor, "admin");
    for (int i = 0; i < 6; i++) {
      register(asActor, actor + "-" + i);
    }
    List<JsonObject> seen = new ArrayList<>();
    String cursor = null;
    do {
      Reply page = admin.get("/v1/audit?actor=" + actor + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().getJsonArray("items").forEach(entry -> seen.add((JsonObject) entry));
      cursor = page.json().getString("nextCursor");
    } while (cursor != null);

    assertThat(seen).extracting(entry -> entry.getString("modelId"))
        .containsExactly(actor + "-5", actor + "-4", actor + "-3", actor + "-2", actor + "-1", actor + "-0");
    for (int i = 1; i < seen.size(); i++) {
      JsonObject newer = seen.get(i - 1);
      JsonObject older = seen.get(i);
      assertThat(Instant.parse(older.getString("at"))).isBeforeOrEqualTo(Instant.parse(newer.getString("at")));
      assertThat(older.getString("id")).isLessThan(newer.getString("id"))
          .startsWith(String.format("%013d-", Instant.parse(older.getString("at")).toEpochMilli()));
    }
  }

  @Test
  @DisplayName("Bad audit parameters are 400 problems naming the parameter")
  void badParameters() {
    String sequenceCursor = Base64.getUrlEncoder().withoutPadding().encodeToString("a1:5".getBytes(StandardCharsets.UTF_8));
    for (String query : List.of("action=rename", "since=yesterday", "limit=0", "limit=1001", "cursor=bm9wZQ",
        "actor=", "cursor=" + sequenceCursor)) {
      Reply reply = admin.get("/v1/audit?" + query);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo(query.substring(0, query.indexOf('=')));
    }
    assertThat(admin.get("/v1/models/a..b/history").status()).isEqualTo(400);
  }

  @Test
  @DisplayName("An in-process caller is checked and audited exactly like an HTTP caller")
  void inProcessCallers() throws Exception {
    String id = "in-process-" + UUID.randomUUID();
    Caller job = new Caller("batch-job", Set.of("writer"), EnumSet.of(Permission.REGISTER_MODEL, Permission.READ_MODEL));
    Caller reader = new Caller("dashboard", Set.of("reader"), EnumSet.of(Permission.READ_MODEL));
    ModelDraft draft = ModelDraft.of(id, "b", "1", Map.of(), Map.of(), ModelStatus.INITIALIZING);

    result(node.registry().registerModel(job, draft));
    assertThatThrownBy(() -> result(node.registry().updateModel(reader, new ModelId(id), new JsonObject().put("version", "2"),
        Optional.empty()))).hasCauseInstanceOf(RegistryException.Forbidden.class);
    assertThatThrownBy(() -> result(node.audit().history(reader, new ModelId(id), AuditQuery.history(new ModelId(id), 10))))
        .hasCauseInstanceOf(RegistryException.Forbidden.class);

    AuditPage history = result(node.audit().history(Caller.system("ops"), new ModelId(id), AuditQuery.history(new ModelId(id), 10)));
    assertThat(history.items()).singleElement().satisfies(entry -> {
      assertThat(entry.actor()).isEqualTo("batch-job");
      assertThat(entry.action()).isEqualTo(AuditAction.REGISTER);
    });
    assertThat(admin.get("/v1/models/" + id).json().getLong("revision")).isEqualTo(1);
  }

  private static <T> T result(Future<T> future) throws ExecutionException, InterruptedException,
      java.util.concurrent.TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
