package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("GET /v1/models lists models a page at a time, sorted by id")
class ListModelsTest extends ApiTestBase {

  private static final List<String> IDS = new ArrayList<>();

  @BeforeAll
  static void registerModels() {
    for (int i = 0; i < 25; i++) {
      String id = String.format("list-%02d", i);
      JsonObject body = body(id).put("baseModel", i % 2 == 0 ? "even-base" : "odd-base")
          .put("status", i % 5 == 0 ? "ready" : "initializing");
      assertThat(http.post("/v1/models", body.encode()).status()).isEqualTo(201);
      IDS.add(id);
    }
  }

  private static List<String> ids(Reply reply) {
    return reply.json().getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  @Test
  @DisplayName("Following nextCursor visits every model exactly once, in id order")
  void pagesCoverEverything() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply reply = http.get("/v1/models?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(reply.status()).isEqualTo(200);
      seen.addAll(ids(reply));
      cursor = reply.json().getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen).containsExactlyElementsOf(IDS);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  @DisplayName("The default page holds up to 100 summaries without parameters and metadata")
  void summaryByDefault() {
    Reply reply = http.get("/v1/models");
    JsonArray items = reply.json().getJsonArray("items");
    assertThat(items).hasSize(25);
    assertThat(reply.json().getValue("nextCursor")).isNull();
    JsonObject first = items.getJsonObject(0);
    assertThat(first.fieldNames()).contains("id", "baseModel", "version", "status", "uid", "revision")
        .doesNotContain("parameters", "metadata");
  }

  @Test
  @DisplayName("view=full includes parameters and metadata")
  void fullView() {
    JsonObject first = http.get("/v1/models?view=full&limit=1").json().getJsonArray("items").getJsonObject(0);
    assertThat(first.getJsonObject("parameters").getInteger("embeddingDimension")).isEqualTo(768);
    assertThat(first.getJsonObject("metadata").getString("author")).isEqualTo("AI Team");
  }

  @Test
  @DisplayName("baseModel and status filter, alone and together, across pages")
  void filters() {
    assertThat(ids(http.get("/v1/models?baseModel=odd-base"))).hasSize(12).allMatch(id -> Integer.parseInt(id.substring(5)) % 2 == 1);
    assertThat(ids(http.get("/v1/models?status=ready"))).containsExactly("list-00", "list-05", "list-10", "list-15", "list-20");
    assertThat(ids(http.get("/v1/models?status=ready&baseModel=even-base"))).containsExactly("list-00", "list-10", "list-20");
    Reply firstPage = http.get("/v1/models?status=ready&limit=2");
    assertThat(ids(firstPage)).containsExactly("list-00", "list-05");
    Reply secondPage = http.get("/v1/models?status=ready&limit=2&cursor=" + firstPage.json().getString("nextCursor"));
    assertThat(ids(secondPage)).containsExactly("list-10", "list-15");
    assertThat(ids(http.get("/v1/models?baseModel=no-such-base"))).isEmpty();
  }

  @ParameterizedTest(name = "limit={0}")
  @ValueSource(strings = {"0", "1001", "-1", "ten", "1.5", ""})
  @DisplayName("A limit outside 1-1000 is 400 naming limit")
  void badLimit(String limit) {
    assertValidation(http.get("/v1/models?limit=" + limit), "limit");
  }

  @Test
  @DisplayName("A forged, truncated or foreign cursor is 400 naming cursor")
  void badCursor() {
    String base64 = Base64.getUrlEncoder().withoutPadding().encodeToString("v2:list-03".getBytes());
    String badId = Base64.getUrlEncoder().withoutPadding().encodeToString("v1:../etc".getBytes());
    for (String cursor : List.of("not-a-cursor!", base64, badId, "%%%")) {
      assertValidation(http.get("/v1/models?cursor=" + cursor.replace("%", "%25")), "cursor");
    }
  }

  @Test
  @DisplayName("A bad status, view or a repeated parameter is 400 naming it")
  void badParameters() {
    assertValidation(http.get("/v1/models?status=deployed"), "status");
    assertValidation(http.get("/v1/models?view=everything"), "view");
    assertValidation(http.get("/v1/models?limit=1&limit=2"), "limit");
    assertValidation(http.get("/v1/models?baseModel="), "baseModel");
  }

  @Test
  @DisplayName("limit=1000 is accepted")
  void maxLimit() {
    assertThat(ids(http.get("/v1/models?limit=1000"))).containsExactlyElementsOf(IDS);
  }
}
