package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import com.hazelcast.query.Predicates;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How models are kept in the grid's Compact records: long free-form text deflated, short text as it
 * is, and records of the schema before deflation still read.
 */
@DisplayName("Models are stored with long parameters deflated, and records of the earlier schema still read")
class ModelStorageTest {

  private static final String PROMPT = "You rank search results for a retail catalogue. Prefer items in stock, then"
      + " items whose title matches the query terms exactly, then items with recent positive reviews. Never rank"
      + " an item the user has hidden. Answer with the item ids in order, separated by commas. Zoë \u2028 \\\"q\\\".";

  @Test
  @DisplayName("A long prompt is stored deflated and a short map as text; both read back exactly as sent")
  void deflatedWhenLong() {
    RegistryNode node = TestNodes.single();
    try {
      Http http = TestNodes.http(node);
      JsonObject longModel = new JsonObject("{\"id\":\"long-params\",\"baseModel\":\"b\",\"version\":\"1\","
          + "\"parameters\":{\"temperature\":0.7,\"systemPrompt\":\"" + PROMPT + "\"},\"metadata\":{\"team\":\"x\"}}");
      JsonObject shortModel = new JsonObject("{\"id\":\"short-params\",\"baseModel\":\"b\",\"version\":\"1\","
          + "\"parameters\":{\"dim\":768}}");
      assertThat(http.post("/v1/models", longModel.encode()).status()).isEqualTo(201);
      assertThat(http.post("/v1/models", shortModel.encode()).status()).isEqualTo(201);

      IMap<String, Object> models = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
      assertThat(models.keySet(Predicates.equal("parameters", null))).containsExactly("long-params");
      assertThat(models.keySet(Predicates.equal("metadata", null))).isEmpty();
      // read back with the id, base model and version interned: one string for every holder of each
      ModelConfig stored = (ModelConfig) models.get("long-params");
      assertThat(stored.id()).isSameAs("long-params");
      assertThat(stored.baseModel()).isSameAs("b");
      assertThat(stored.version()).isSameAs("1");

      JsonObject read = http.get("/v1/models/long-params").json();
      assertThat(read.getJsonObject("parameters")).isEqualTo(longModel.getJsonObject("parameters"));
      assertThat(read.getJsonObject("parameters").getString("systemPrompt")).endsWith("Zoë \u2028 \"q\".");
      assertThat(read.getJsonObject("metadata")).isEqualTo(longModel.getJsonObject("metadata"));
      assertThat(http.get("/v1/models/short-params").json().getJsonObject("parameters").getInteger("dim"))
          .isEqualTo(768);

      // an update that leaves the parameters alone keeps them as they were
      assertThat(http.patch("/v1/models/long-params", "{\"status\":\"training\"}").status()).isEqualTo(200);
      assertThat(http.get("/v1/models/long-params").json().getJsonObject("parameters"))
          .isEqualTo(longModel.getJsonObject("parameters"));
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("A model written with the schema before deflation (no *Deflated fields) reads through the API")
  void earlierSchemaReads() {
    RegistryNode node = TestNodes.single();
    try {
      long at = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
      GenericRecord earlier = GenericRecordBuilder.compact(ModelSerializer.TYPE_NAME)
          .setString("id", "evolved-model")
          .setString("baseModel", "b")
          .setString("version", "1")
          .setString("parameters", "{\"systemPrompt\":\"" + PROMPT + "\"}")
          .setString("metadata", "{}")
          .setString("status", "ready")
          .setInt64("createdAt", at)
          .setInt64("updatedAt", at)
          .setString("uid", "uid-earlier")
          .setInt64("revision", 2)
          .build();
      IMap<String, Object> models = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
      models.set("evolved-model", earlier);

      JsonObject read = TestNodes.http(node).get("/v1/models/evolved-model").json();
      assertThat(read.getJsonObject("parameters").getString("systemPrompt")).isEqualTo(
          new JsonObject("{\"p\":\"" + PROMPT + "\"}").getString("p"));
      assertThat(read.getString("status")).isEqualTo("ready");
      assertThat(read.getLong("revision")).isEqualTo(2L);
    } finally {
      TestNodes.stop(node);
    }
  }
}
