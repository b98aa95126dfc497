package io.sophra.registry.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396) over JSON trees held as maps. A patch member set to {@code null}
 * removes the key; an object merges recursively; anything else replaces. Written here rather than
 * taken from JSON-P because converting trees to and from JSON-P would cost more code than the
 * algorithm itself (RFC 7396 section 2 is nine lines of pseudocode).
 */
public final class MergePatch {

  private MergePatch() {
  }

  /** {@code target} with {@code patch} applied; neither argument is changed. */
  public static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
    Map<String, Object> result = new LinkedHashMap<>(target);
    patch.forEach((key, value) -> {
      if (value == null) {
        result.remove(key);
      } else if (asMap(value) != null) {
        Map<String, Object> current = asMap(result.get(key));
        result.put(key, apply(current == null ? Map.of() : current, asMap(value)));
      } else {
        result.put(key, value);
      }
    });
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    if (value instanceof io.vertx.core.json.JsonObject object) {
      return object.getMap();
    }
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
  }
}
