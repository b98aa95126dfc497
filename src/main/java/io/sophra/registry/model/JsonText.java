package io.sophra.registry.model;

import io.vertx.core.json.JsonObject;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * A frozen JSON object held as its compact text (deflated when long, {@link StoredTree}) and read
 * when asked: the {@code parameters} and
 * {@code metadata} of a model read back from the grid. A model in the Near Cache, in an entry event
 * or in an entry processor's hands is mostly looked at for its id, uid, revision and status, and its
 * body is encoded once per revision ({@code http.ModelBodies}), so keeping the text instead of a tree
 * of maps saves most of the model's heap and all of the parsing on those paths.
 *
 * <p>It reads like any frozen tree ({@link JsonTree#freeze}): the text is parsed on first use into
 * the same unmodifiable maps and lists, and the parsed tree is kept only weakly, so calls close in
 * time share one parse and a collection gives the memory back. Two texts that are equal are equal
 * maps without parsing; otherwise equality is the maps' own.
 */
final class JsonText extends AbstractMap<String, Object> {

  private final String text;
  private final byte[] deflated;
  private WeakReference<Map<String, Object>> parsed;

  JsonText(StoredTree stored) {
    this.text = stored.text();
    this.deflated = stored.deflated();
  }

  /** {@code stored}, the text of {@code tree}, which is already frozen ({@link JsonTree#encoded}). */
  JsonText(StoredTree stored, Map<String, Object> tree) {
    this(stored);
    this.parsed = new WeakReference<>(tree);
  }

  /** The size of the compact UTF-8 text, without inflating a deflated one. */
  int encodedSize() {
    return text != null ? text.getBytes(StandardCharsets.UTF_8).length : TextDeflation.inflatedSize(deflated);
  }

  /** The compact JSON text this map was read from (inflated now, if it is kept deflated). */
  String text() {
    return text != null ? text : TextDeflation.inflate(deflated);
  }

  /** The form it is kept in. */
  StoredTree stored() {
    return new StoredTree(text, deflated);
  }

  private Map<String, Object> tree() {
    WeakReference<Map<String, Object>> reference = parsed;
    Map<String, Object> tree = reference == null ? null : reference.get();
    if (tree == null) {
      tree = JsonTree.freezeParsed(new JsonObject(text()).getMap());
      parsed = new WeakReference<>(tree);
    }
    return tree;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return tree().entrySet();
  }

  @Override
  public Object get(Object key) {
    return tree().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return tree().containsKey(key);
  }

  @Override
  public int size() {
    return tree().size();
  }

  @Override
  public boolean isEmpty() {
    // a deflated text is long, so never "{}"
    return text != null && (text.equals("{}") || tree().isEmpty());
  }

  @Override
  public boolean equals(Object other) {
    if (other == this || (other instanceof JsonText that && (text != null ? text.equals(that.text)
        : Arrays.equals(deflated, that.deflated)))) {
      return true;
    }
    return other instanceof Map<?, ?> && tree().equals(other);
  }

  @Override
  public int hashCode() {
    return tree().hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
