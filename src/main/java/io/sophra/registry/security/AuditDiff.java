package io.sophra.registry.security;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.registry.Change;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields a {@link Change} touched, from its before and after alone (no second read). Fields are
 * JSON Pointers into the model: {@code /baseModel}, {@code /version}, {@code /status}, and one per
 * key of {@code parameters} and {@code metadata} ({@code /parameters/learningRate}), so changing one
 * parameter records that parameter, not the whole object. A registration lists every field with no
 * old value; a deletion lists every field with no new value. Server-managed fields are left out:
 * the entry carries the revision, and its time is the change's.
 *
 * <p>Bounded in bytes: each value is kept whole or as a marker ({@link AuditValues}); and when the
 * changes of one entry would still exceed {@value #MAX_CHANGES_BYTES} bytes as compact JSON (many
 * keys changed at once), the keys of {@code parameters} and of {@code metadata} are recorded as one
 * change each, {@code /parameters} and {@code /metadata}, whose old and new values are markers of the
 * whole objects. So no entry's changes take more than about {@value #MAX_CHANGES_BYTES} bytes.
 */
final class AuditDiff {

  static final int MAX_CHANGES_BYTES = 4096;
  private static final List<String> GROUPS = List.of("/parameters", "/metadata");

  private AuditDiff() {
  }

  /** The changes, encoded once here to be measured: the entry is stored and logged with that text. */
  static FieldChanges of(Change change) {
    FieldChanges changes = FieldChanges.of(fieldChanges(change).stream()
        .map(field -> new FieldChange(field.field(), AuditValues.bounded(field.oldValue()),
            AuditValues.bounded(field.newValue())))
        .toList());
    return size(changes) <= MAX_CHANGES_BYTES ? changes : FieldChanges.of(grouped(changes, change));
  }

  private static List<FieldChange> fieldChanges(Change change) {
    boolean parameters = treeChanged(change, ModelConfig::parameters);
    boolean metadata = treeChanged(change, ModelConfig::metadata);
    Map<String, Object> before = fields(change.before(), parameters, metadata);
    Map<String, Object> after = fields(change.after(), parameters, metadata);
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

  /** The top-level fields as they are, and each group collapsed into one change of markers. */
  private static List<FieldChange> grouped(List<FieldChange> changes, Change change) {
    List<FieldChange> grouped = new ArrayList<>();
    changes.stream().filter(field -> group(field.field()) == null).forEach(grouped::add);
    for (String group : GROUPS) {
      Function<ModelConfig, Map<String, Object>> tree = group.equals("/parameters") ? ModelConfig::parameters
          : ModelConfig::metadata;
      if (changes.stream().anyMatch(field -> group.equals(group(field.field())))) {
        grouped.add(new FieldChange(group, wholeMarker(change.before(), tree), wholeMarker(change.after(), tree)));
      }
    }
    return grouped;
  }

  private static Object wholeMarker(ModelConfig model, Function<ModelConfig, Map<String, Object>> tree) {
    return model == null ? null : AuditValues.marker(AuditValues.compactJson(tree.apply(model)));
  }

  private static String group(String pointer) {
    return GROUPS.stream().filter(group -> pointer.startsWith(group + "/")).findFirst().orElse(null);
  }

  private static int size(FieldChanges changes) {
    return changes.json().getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Whether a tree differs between the two sides. Equal trees are left out of the diff unflattened:
   * two stored models' trees compare as their kept text, without being parsed.
   */
  private static boolean treeChanged(Change change, Function<ModelConfig, Map<String, Object>> tree) {
    return change.before() == null || change.after() == null
        || !tree.apply(change.before()).equals(tree.apply(change.after()));
  }

  private static Map<String, Object> fields(ModelConfig model, boolean parameters, boolean metadata) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (model == null) {
      return fields;
    }
    fields.put("/baseModel", model.baseModel());
    fields.put("/version", model.version());
    fields.put("/status", model.status().wireName());
    if (parameters) {
      model.parameters().forEach((key, value) -> fields.put("/parameters/" + escape(key), value));
    }
    if (metadata) {
      model.metadata().forEach((key, value) -> fields.put("/metadata/" + escape(key), value));
    }
    return fields;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
