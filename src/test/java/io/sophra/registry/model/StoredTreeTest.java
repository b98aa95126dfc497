package io.sophra.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A tree is kept as its text, or deflated when the text is long and shrinks, and reads back the same")
class StoredTreeTest {

  private static final String PROMPT = "You rank search results for a retail catalogue. Prefer items in stock, then"
      + " items whose title matches the query terms exactly, then items with recent positive reviews. Zoë \u2028 \"q\".";

  private static Map<String, Object> longTree() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("temperature", 0.7);
    tree.put("stop", java.util.List.of("</answer>", "\n\n"));
    tree.put("systemPrompt", PROMPT + " " + PROMPT);
    return JsonTree.freeze(tree);
  }

  @Test
  @DisplayName("A long text is deflated, reads back as an equal tree with the same text, and is not deflated again")
  void longTextDeflated() {
    Map<String, Object> tree = longTree();
    StoredTree stored = StoredTree.of(tree);
    String text = JsonTree.toText(tree);
    assertThat(stored.text()).isNull();
    assertThat(stored.deflated().length).isLessThan(text.length() * 7 / 8);
    Map<String, Object> read = stored.tree();
    assertThat(read).isEqualTo(tree).isNotEmpty();
    assertThat(tree).isEqualTo(read);
    assertThat(read.hashCode()).isEqualTo(tree.hashCode());
    assertThat(JsonTree.toText(read)).isEqualTo(text);
    assertThat(((Map<?, ?>) read).get("systemPrompt")).isEqualTo(PROMPT + " " + PROMPT);
    assertThat(StoredTree.of(read).deflated()).isSameAs(stored.deflated());
    assertThat(StoredTree.of(read).tree()).isEqualTo(read);
  }

  @Test
  @DisplayName("A short text, or a long one that does not shrink by an eighth, is kept as text")
  void keptAsText() {
    Map<String, Object> small = JsonTree.freeze(new JsonObject().put("dim", 768).getMap());
    assertThat(StoredTree.of(small).text()).isEqualTo("{\"dim\":768}");
    assertThat(StoredTree.of(small).deflated()).isNull();
    StringBuilder noise = new StringBuilder();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 300; i++) {
      noise.append((char) ('!' + random.nextInt(90)));
    }
    Map<String, Object> random300 = JsonTree.freeze(new JsonObject().put("k", noise.toString().replace("\\", "/")
        .replace("\"", "'")).getMap());
    StoredTree stored = StoredTree.of(random300);
    assertThat(stored.deflated()).isNull();
    assertThat(stored.tree()).isEqualTo(random300);
    assertThat(StoredTree.of(Map.of()).tree()).isEmpty();
  }

  @Test
  @DisplayName("Exactly one form is set")
  void oneForm() {
    assertThatThrownBy(() -> new StoredTree(null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StoredTree("{}", new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("A corrupt deflated text fails when read, naming the problem, instead of reading wrong")
  void corrupt() {
    byte[] deflated = StoredTree.of(longTree()).deflated().clone();
    deflated[deflated.length / 2] ^= 0x5a;
    assertThatThrownBy(() -> new StoredTree(null, deflated).tree().size())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("deflated text");
  }

  @Test
  @DisplayName("A model encoded once holds equal trees kept as text, and encoding it again changes nothing")
  void modelEncodedOnce() {
    ModelConfig built = new ModelConfig("m-1", "base", "1", longTree(), Map.of("owner", "team"), ModelStatus.READY,
        java.time.Instant.EPOCH, java.time.Instant.EPOCH, "uid", 2);

    ModelConfig encoded = built.encodedOnce();

    assertThat(encoded).isEqualTo(built);
    assertThat(encoded.parameters()).isInstanceOf(JsonText.class).isEqualTo(longTree());
    assertThat(((JsonText) encoded.parameters()).stored().deflated()).as("long text kept deflated").isNotNull();
    assertThat(((JsonText) encoded.metadata()).stored().text()).isEqualTo("{\"owner\":\"team\"}");
    assertThat(encoded.encodedOnce()).isSameAs(encoded);
    assertThat(StoredTree.of(encoded.parameters()).deflated())
        .isSameAs(((JsonText) encoded.parameters()).stored().deflated());
  }
}
