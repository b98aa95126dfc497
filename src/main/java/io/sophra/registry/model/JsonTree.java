package io.sophra.registry.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * Free-form JSON trees ({@code parameters}, {@code metadata}) as deeply unmodifiable maps and lists,
 * with the measures the model's rules need: nesting depth and compact UTF-8 size.
 */
public final class JsonTree {

  private JsonTree() {
  }

  /** A deeply unmodifiable copy of {@code tree}; an already frozen tree is returned as it is. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> freeze(Map<String, Object> tree) {
    if (tree == null) {
      return Map.of();
    }
    if (tree instanceof FrozenMap || tree instanceof JsonText) {
      return tree;
    }
    return (Map<String, Object>) freezeValue(tree);
  }

  /**
   * Freezes a tree just parsed from text, which nothing else holds, in place: its maps and lists are
   * wrapped, not copied as {@link #freeze} copies them, which halves what reading a tree from text
   * allocates ({@link JsonText}, on every read, audit diff and merge of a stored model's tree).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> freezeParsed(Map<String, Object> parsed) {
    return (Map<String, Object>) freezeInPlace(parsed);
  }

  @SuppressWarnings("unchecked")
  private static Object freezeInPlace(Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
        entry.setValue(freezeInPlace(entry.getValue()));
      }
      return new FrozenMap((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      ListIterator<Object> items = ((List<Object>) list).listIterator();
      while (items.hasNext()) {
        items.set(freezeInPlace(items.next()));
      }
      return new FrozenList((List<Object>) list);
    }
    return freezeValue(value);
  }

  /** {@code tree} as compact JSON text: the text itself for a tree read from text, else encoded now. */
  public static String toText(Map<String, Object> tree) {
    return tree instanceof JsonText text ? text.text() : new JsonObject(tree).encode();
  }

  /** The same tree as a Vert.x {@link JsonObject} (a view sharing the frozen maps, for encoding). */
  public static JsonObject toJson(Map<String, Object> tree) {
    return new JsonObject(tree);
  }

  /** Nesting depth of containers: {@code {}} is 1, {@code {"a":{}}} is 2. */
  public static int depth(Object value) {
    int inner = 0;
    if (value instanceof Map<?, ?> map) {
      for (Object child : map.values()) {
        inner = Math.max(inner, depth(child));
      }
      return inner + 1;
    }
    if (value instanceof List<?> list) {
      for (Object child : list) {
        inner = Math.max(inner, depth(child));
      }
      return inner + 1;
    }
    if (value instanceof JsonObject object) {
      return depth(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return depth(array.getList());
    }
    return 0;
  }

  /**
   * Whether every number in {@code value} is finite. JSON has no infinity, but a number past a double's
   * range ({@code 1e400}) decodes to one, which would be stored and sent back as the string
   * {@code "Infinity"}.
   */
  public static boolean finite(Object value) {
    if (value instanceof Double number) {
      return Double.isFinite(number);
    }
    if (value instanceof Float number) {
      return Float.isFinite(number);
    }
    if (value instanceof Map<?, ?> map) {
      return allFinite(map.values());
    }
    if (value instanceof List<?> list) {
      return allFinite(list);
    }
    if (value instanceof JsonObject object) {
      return finite(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return finite(array.getList());
    }
    return true;
  }

  private static boolean allFinite(Iterable<?> values) {
    for (Object value : values) {
      if (!finite(value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code tree} frozen and encoded now, once, into the form a model keeps it in ({@link StoredTree}):
   * measuring its size ({@link #encodedSize}) and storing it then use that text, where each encoded
   * the tree again. Reading it uses the tree it was made from, not a parse of the text.
   */
  public static Map<String, Object> encoded(Map<String, Object> tree) {
    Map<String, Object> frozen = freeze(tree);
    return frozen instanceof JsonText ? frozen : new JsonText(StoredTree.of(frozen), frozen);
  }

  /** Size in bytes of the compact UTF-8 JSON encoding of {@code tree}; a tree kept as text is not encoded again. */
  public static int encodedSize(Map<String, Object> tree) {
    if (tree instanceof JsonText text) {
      return text.encodedSize();
    }
    return new JsonObject(tree).encode().getBytes(StandardCharsets.UTF_8).length;
  }

  private static Object freezeValue(Object value) {
    if (value instanceof JsonObject object) {
      return freezeValue(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return freezeValue(array.getList());
    }
    if (value instanceof FrozenMap || value instanceof FrozenList || value instanceof JsonText) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      LinkedHashMap<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      map.forEach((key, child) -> copy.put(String.valueOf(key), freezeValue(child)));
      return new FrozenMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object child : list) {
        copy.add(freezeValue(child));
      }
      return new FrozenList(copy);
    }
    return value;
  }

  /** Marks a map already frozen, so freezing is idempotent and costs nothing the second time. */
  private static final class FrozenMap extends java.util.AbstractMap<String, Object> {
    private final Map<String, Object> delegate;

    FrozenMap(Map<String, Object> delegate) {
      this.delegate = Collections.unmodifiableMap(delegate);
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return delegate.entrySet();
    }

    @Override
    public Object get(Object key) {
      return delegate.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return delegate.containsKey(key);
    }

    @Override
    public int size() {
      return delegate.size();
    }

    @Override
    public boolean equals(Object other) {
      // a JsonText parses once for the whole comparison (AbstractMap would ask it key by key)
      return other instanceof JsonText text ? text.equals(this) : super.equals(other);
    }

    @Override
    public int hashCode() {
      return super.hashCode();
    }
  }

  private static final class FrozenList extends java.util.AbstractList<Object> {
    private final List<Object> delegate;

    FrozenList(List<Object> delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object get(int index) {
      return delegate.get(index);
    }

    @Override
    public int size() {
      return delegate.size();
    }
  }
}
