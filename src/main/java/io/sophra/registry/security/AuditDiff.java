package io.sophra.registry.security;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.registry.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields a {@link Change} touched, from its before and after alone (no second read). Fields are
 * JSON Pointers into the model: {@code /baseModel}, {@code /version}, {@code /status}, and one per
 * key of {@code parameters} and {@code metadata} ({@code /parameters/learningRate}), so changing one
 * parameter records that parameter, not the whole object. A registration lists every field with no
 * old value; a deletion lists every field with no new value. Server-managed fields are left out:
 * the entry carries the revision, and its time is the change's.
 */
final class AuditDiff {

  private AuditDiff() {
  }

  static List<FieldChange> of(Change change) {
    Map<String, Object> before = fields(change.before());
    Map<String, Object> after = fields(change.after());
    Set<String> pointers = new LinkedHashSet<>(before.keySet());
    pointers.addAll(after.keySet());
    List<FieldChange> changes = new ArrayList<>();
    for (String pointer : pointers) {
      Object old = before.get(pointer);
      Object now = after.get(pointer);
      if (!Objects.equals(old, now)) {
        changes.add(new FieldChange(pointer, old, now));
      }
    }
    return changes;
  }

  private static Map<String, Object> fields(ModelConfig model) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (model == null) {
      return fields;
    }
    fields.put("/baseModel", model.baseModel());
    fields.put("/version", model.version());
    fields.put("/status", model.status().wireName());
    model.parameters().forEach((key, value) -> fields.put("/parameters/" + escape(key), value));
    model.metadata().forEach((key, value) -> fields.put("/metadata/" + escape(key), value));
    return fields;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
