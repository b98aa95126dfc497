package io.sophra.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A JSON tree kept as its text reads, compares and encodes like the frozen tree it stands for")
class JsonTextTest {

  private static final String TEXT = "{\"dim\":768,\"lr\":0.5,\"tags\":[\"a\",{\"b\":null}],\"nested\":{\"x\":true}}";

  private static Map<String, Object> frozen() {
    return JsonTree.freeze(new JsonObject(TEXT).getMap());
  }

  @Test
  @DisplayName("Reads the same entries, in the same order, as the frozen tree of the same text")
  void reads() {
    Map<String, Object> text = JsonTree.fromText(TEXT);
    assertThat(text).isEqualTo(frozen()).hasSize(4);
    assertThat(List.copyOf(text.keySet())).containsExactly("dim", "lr", "tags", "nested");
    assertThat(text.get("dim")).isEqualTo(768);
    assertThat(text.containsKey("nested")).isTrue();
    assertThat(((Map<?, ?>) text.get("nested")).get("x")).isEqualTo(true);
    assertThat(JsonTree.fromText("{}")).isEmpty();
  }

  @Test
  @DisplayName("Equal both ways to an equal frozen tree, with the same hash; unequal to a different one")
  void equality() {
    Map<String, Object> text = JsonTree.fromText(TEXT);
    assertThat(frozen()).isEqualTo(text);
    assertThat(text.hashCode()).isEqualTo(frozen().hashCode());
    assertThat(text).isEqualTo(JsonTree.fromText(TEXT));
    // the same object written in another key order is the same map, though not the same text
    assertThat(JsonTree.fromText("{\"b\":1,\"a\":2}")).isEqualTo(JsonTree.fromText("{\"a\":2,\"b\":1}"));
    assertThat(JsonTree.fromText("{\"a\":1}")).isNotEqualTo(JsonTree.fromText("{\"a\":2}"))
        .isNotEqualTo(JsonTree.freeze(Map.of("a", 2)));
  }

  @Test
  @DisplayName("Is frozen: freezing returns it, changing it is refused, and its text is what encoding gives back")
  void frozenAndEncoded() {
    Map<String, Object> text = JsonTree.fromText(TEXT);
    assertThat(JsonTree.freeze(text)).isSameAs(text);
    assertThatThrownBy(() -> text.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> text.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(JsonTree.toText(text)).isEqualTo(TEXT);
    assertThat(JsonTree.toText(frozen())).isEqualTo(TEXT);
    assertThat(JsonTree.toJson(text).encode()).isEqualTo(TEXT);
  }

  @Test
  @DisplayName("A model holding text trees equals the same model holding parsed ones")
  void inAModel() {
    java.time.Instant at = java.time.Instant.parse("2026-12-06T00:00:00Z");
    ModelConfig parsed = new ModelConfig("m", "b", "1", frozen(), Map.of(), ModelStatus.READY, at, at, "u", 3);
    ModelConfig read = new ModelConfig("m", "b", "1", JsonTree.fromText(TEXT), JsonTree.fromText("{}"),
        ModelStatus.READY, at, at, "u", 3);
    assertThat(read).isEqualTo(parsed);
    assertThat(parsed).isEqualTo(read);
    assertThat(read.hashCode()).isEqualTo(parsed.hashCode());
    assertThat(ModelJson.toJson(read).encode()).isEqualTo(ModelJson.toJson(parsed).encode());
  }
}
