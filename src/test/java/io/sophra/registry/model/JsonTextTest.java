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

  /** A tree kept as its text, as the grid's serializer reads one back. */
  private static Map<String, Object> text(String json) {
    return new StoredTree(json, null).tree();
  }

  private static Map<String, Object> frozen() {
    return JsonTree.freeze(new JsonObject(TEXT).getMap());
  }

  @Test
  @DisplayName("Reads the same entries, in the same order, as the frozen tree of the same text")
  void reads() {
    Map<String, Object> text = text(TEXT);
    assertThat(text).isEqualTo(frozen()).hasSize(4);
    assertThat(List.copyOf(text.keySet())).containsExactly("dim", "lr", "tags", "nested");
    assertThat(text.get("dim")).isEqualTo(768);
    assertThat(text.containsKey("nested")).isTrue();
    assertThat(((Map<?, ?>) text.get("nested")).get("x")).isEqualTo(true);
    assertThat(text("{}")).isEmpty();
  }

  @Test
  @DisplayName("Equal both ways to an equal frozen tree, with the same hash; unequal to a different one")
  void equality() {
    Map<String, Object> text = text(TEXT);
    assertThat(frozen()).isEqualTo(text);
    assertThat(text.hashCode()).isEqualTo(frozen().hashCode());
    assertThat(text).isEqualTo(text(TEXT));
    // the same object written in another key order is the same map, though not the same text
    assertThat(text("{\"b\":1,\"a\":2}")).isEqualTo(text("{\"a\":2,\"b\":1}"));
    assertThat(text("{\"a\":1}")).isNotEqualTo(text("{\"a\":2}"))
        .isNotEqualTo(JsonTree.freeze(Map.of("a", 2)));
  }

  @Test
  @DisplayName("Is frozen: freezing returns it, changing it is refused, and its text is what encoding gives back")
  void frozenAndEncoded() {
    Map<String, Object> text = text(TEXT);
    assertThat(JsonTree.freeze(text)).isSameAs(text);
    assertThatThrownBy(() -> text.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> text.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> text.entrySet().iterator().next().setValue(1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) text.get("nested");
    assertThatThrownBy(() -> nested.put("y", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> tags = (List<Object>) text.get("tags");
    assertThatThrownBy(() -> tags.set(0, "z")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> tags.add("z")).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> inList = (Map<String, Object>) tags.get(1);
    assertThatThrownBy(() -> inList.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(JsonTree.freeze(nested)).as("parsed in place, still known as frozen").isSameAs(nested);
    assertThat(JsonTree.toText(text)).isEqualTo(TEXT);
    assertThat(JsonTree.toText(frozen())).isEqualTo(TEXT);
    assertThat(JsonTree.toJson(text).encode()).isEqualTo(TEXT);
  }

  @Test
  @DisplayName("A model holding text trees equals the same model holding parsed ones")
  void inAModel() {
    java.time.Instant at = java.time.Instant.parse("2026-12-06T00:00:00Z");
    ModelConfig parsed = new ModelConfig("m", "b", "1", frozen(), Map.of(), ModelStatus.READY, at, at, "u", 3);
    ModelConfig read = new ModelConfig("m", "b", "1", text(TEXT), text("{}"),
        ModelStatus.READY, at, at, "u", 3);
    assertThat(read).isEqualTo(parsed);
    assertThat(parsed).isEqualTo(read);
    assertThat(read.hashCode()).isEqualTo(parsed.hashCode());
    assertThat(ModelJson.toJson(read).encode()).isEqualTo(ModelJson.toJson(parsed).encode());
  }

  @Test
  @DisplayName("A tree encoded once carries its text and size, short or deflated, and reads as the tree it was made from")
  void encodedOnce() {
    Map<String, Object> shortTree = JsonTree.encoded(new JsonObject(TEXT).getMap());
    assertThat(shortTree).isInstanceOf(JsonText.class).isEqualTo(frozen());
    assertThat(JsonTree.toText(shortTree)).isEqualTo(TEXT);
    assertThat(JsonTree.encodedSize(shortTree)).isEqualTo(TEXT.length());
    assertThat(StoredTree.of(shortTree).text()).as("stored as that text, not encoded again").isSameAs(
        ((JsonText) shortTree).text());

    String letters = "ä".repeat(3000);
    Map<String, Object> longTree = JsonTree.encoded(Map.of("prompt", letters));
    String longText = new JsonObject().put("prompt", letters).encode();
    assertThat(StoredTree.of(longTree).deflated()).as("a long text is kept deflated").isNotNull();
    assertThat(JsonTree.encodedSize(longTree)).as("UTF-8 bytes, not characters")
        .isEqualTo(longText.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isEqualTo(6000 + 13);
    assertThat(JsonTree.toText(longTree)).isEqualTo(longText);
    assertThat(longTree.get("prompt")).isEqualTo(letters);
    assertThat(JsonTree.encoded(shortTree)).isSameAs(shortTree);
  }
}
