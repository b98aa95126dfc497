package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 5,000 models (the default cap, so both clusters end exactly full) and two aliases exported from one
 * cluster and imported into a fresh one: every field of every model, and every alias's content, come
 * back as they were.
 */
@DisplayName("A backup of 5,000 models restores into a fresh cluster field for field")
class BackupRoundTripTest {

  private static final int MODELS = 5_000;

  @Test
  @DisplayName("Export, import into a fresh cluster, export again: the model lines are identical")
  void roundTrip() {
    RegistryNode source = TestNodes.single();
    RegistryNode target = null;
    try {
      Http from = TestNodes.http(source);
      fill(source);
      putAlias(from, "ranker", "m-00001", 70, "m-00002", 30);
      putAlias(from, "reranker", "m-00003", 100);
      Reply export = from.get("/v1/export");
      assertThat(export.status()).isEqualTo(200);
      assertThat(export.header("Content-Type")).isEqualTo("application/x-ndjson");
      List<JsonObject> lines = export.body().lines().map(JsonObject::new).toList();
      assertThat(lines.get(0).getString("kind")).isEqualTo("header");
      assertThat(lines).filteredOn(line -> "model".equals(line.getString("kind"))).hasSize(MODELS);
      assertThat(lines.get(lines.size() - 1)).isEqualTo(new JsonObject().put("kind", "end").put("models", MODELS)
          .put("aliases", 2));
      System.out.printf("export of %d models: %d bytes%n", MODELS, export.body().getBytes(StandardCharsets.UTF_8).length);

      target = TestNodes.single();
      Http to = TestNodes.http(target);
      long started = System.nanoTime();
      Reply imported = to.send("POST", "/v1/import", export.body().getBytes(StandardCharsets.UTF_8),
          "Content-Type", "application/x-ndjson");
      System.out.printf("import of %d models: %d ms%n", MODELS, (System.nanoTime() - started) / 1_000_000);
      assertThat(imported.status()).as(imported.body().substring(0, Math.min(500, imported.body().length())))
          .isEqualTo(200);
      JsonObject summary = imported.json();
      assertThat(summary.getLong("created")).isEqualTo(MODELS + 2L);
      assertThat(summary.getLong("skipped")).isZero();
      assertThat(summary.getJsonArray("invalid")).isEmpty();
      assertThat(summary.getJsonArray("failed")).isEmpty();
      assertThat(summary.getBoolean("complete")).isTrue();

      List<JsonObject> again = to.get("/v1/export").body().lines().map(JsonObject::new).toList();
      assertThat(models(again)).isEqualTo(models(lines));
      assertThat(aliasContent(again)).isEqualTo(aliasContent(lines));
      assertThat(to.get("/v1/models/m-00042").header("ETag")).isEqualTo(from.get("/v1/models/m-00042").header("ETag"));
      JsonArray history = to.get("/v1/models/m-00042/history").json().getJsonArray("items");
      assertThat(history).singleElement().satisfies(entry ->
          assertThat(((JsonObject) entry).getString("action")).isEqualTo("import"));

      Reply again2 = to.send("POST", "/v1/import", export.body().getBytes(StandardCharsets.UTF_8),
          "Content-Type", "application/x-ndjson");
      assertThat(again2.json().getLong("created")).isZero();
      assertThat(again2.json().getLong("skipped")).as("a second import of the same backup skips everything")
          .isEqualTo(MODELS + 2L);
    } finally {
      TestNodes.stop(source);
      TestNodes.stop(target);
    }
  }

  /** 5,000 models with varied content and statuses, some updated so revisions differ, in batches. */
  private static void fill(RegistryNode node) {
    Caller system = Caller.system("filler");
    for (int start = 1; start <= MODELS; start += 100) {
      List<Future<Change>> batch = new ArrayList<>();
      for (int i = start; i < start + 100; i++) {
        String id = String.format("m-%05d", i);
        ModelStatus status = i <= 3 ? ModelStatus.READY : ModelStatus.values()[i % ModelStatus.values().length];
        batch.add(node.registry().registerModel(system, ModelDraft.of(id, "base-" + (i % 7), "1." + i + ".0",
            Map.of("layers", i, "name", "model " + i, "nested", Map.of("dropout", i / 10_000.0)),
            Map.of("owner", "team-" + (i % 13), "tags", List.of("a", "b")), status)));
      }
      Futures.await(Future.all(batch));
    }
    for (int i = 10; i <= MODELS; i += 500) {
      Futures.await(node.registry().updateModel(system, new io.sophra.registry.model.ModelId(String.format("m-%05d", i)),
          new JsonObject().put("metadata", new JsonObject().put("updated", true)), java.util.Optional.empty()));
    }
  }

  private static void putAlias(Http http, String name, Object... modelsAndWeights) {
    Reply reply = http.send("PUT", "/v1/aliases/" + name, AliasApiTest.aliasBody(modelsAndWeights).put("salt", "s-" + name)
        .encode().getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
  }

  private static List<JsonObject> models(List<JsonObject> lines) {
    return lines.stream().filter(line -> "model".equals(line.getString("kind"))).map(line -> line.getJsonObject("model"))
        .toList();
  }

  /** An alias's content: what a restore keeps (a restored alias gets a uid and revision of its own). */
  private static List<JsonObject> aliasContent(List<JsonObject> lines) {
    return lines.stream().filter(line -> "alias".equals(line.getString("kind"))).map(line -> line.getJsonObject("alias"))
        .map(alias -> new JsonObject().put("name", alias.getString("name")).put("variants", alias.getJsonArray("variants"))
            .put("salt", alias.getString("salt")).put("description", alias.getString("description")))
        .toList();
  }
}
