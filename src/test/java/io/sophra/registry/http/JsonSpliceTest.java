package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.model.ModelStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bodies spliced from models' encoded bodies are byte for byte the JsonObject they stand for")
class JsonSpliceTest {

  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  private static ModelConfig model(String id) {
    return new ModelConfig(id, "base", "1", Map.of("note", "Zoë \"q\" \u2028 ]}"), Map.of(), ModelStatus.READY, AT,
        AT.plusSeconds(1), "uid-" + id, 2);
  }

  private static byte[] bytes(JsonObject json) {
    return json.toBuffer().getBytes();
  }

  @Test
  @DisplayName("A page or a batch: {items:[...], field: value} for none, one and several items, any value")
  void items() {
    ModelBodies bodies = new ModelBodies(1 << 20);
    for (List<ModelConfig> models : List.of(List.<ModelConfig>of(), List.of(model("a")), List.of(model("a"),
        model("b"), model("c")))) {
      List<Buffer> encoded = models.stream().map(model -> bodies.of(model).body()).toList();
      JsonArray items = new JsonArray();
      models.forEach(model -> items.add(ModelJson.toJson(model)));
      for (Object value : new Object[] {null, "cursor \"x\"", List.of("gone-1", "gone-2"), List.of()}) {
        JsonObject expected = new JsonObject().put("items", items).put("tail", value);
        assertThat(JsonSplice.items(encoded, JsonSplice.field("tail"), value).getBytes()).as("%s items, %s", models.size(), value)
            .isEqualTo(bytes(expected));
      }
    }
  }

  @Test
  @DisplayName("A last field added to an object, empty or not")
  void withLastField() {
    Buffer model = ModelJson.toJson(model("a")).toBuffer();
    JsonObject head = new JsonObject().put("alias", new JsonObject().put("name", "n")).put("bucket", 7);
    assertThat(JsonSplice.withLastField(head.copy(), JsonSplice.field("model"), model).getBytes())
        .isEqualTo(bytes(head.copy().put("model", ModelJson.toJson(model("a")))));
    assertThat(JsonSplice.withLastField(new JsonObject(), JsonSplice.field("model"), model).getBytes())
        .isEqualTo(bytes(new JsonObject().put("model", ModelJson.toJson(model("a")))));
  }
}
