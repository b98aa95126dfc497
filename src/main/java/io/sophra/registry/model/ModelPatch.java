package io.sophra.registry.model;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.IllegalTransitionException;
import io.sophra.registry.failure.InvalidModelException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON Merge Patch of a model, checked against the model's rules and its status lifecycle.
 * {@code null} for a required field is refused; {@code null} for {@code parameters} or
 * {@code metadata} empties it; {@code null} inside them removes that key.
 */
public final class ModelPatch {

  private ModelPatch() {
  }

  /**
   * The content of {@code current} after {@code patch}.
   *
   * @throws InvalidModelException naming every field that is wrong
   * @throws IllegalTransitionException if the patch moves the status outside the lifecycle
   */
  public static ModelDraft apply(ModelConfig current, JsonObject patch) {
    List<FieldError> errors = new ArrayList<>();
    ModelJson.rejectUnknownFields(patch, errors);
    checkIdUnchanged(current.id(), patch, errors);
    String baseModel = patch.containsKey(ModelJson.BASE_MODEL)
        ? ModelJson.requiredString(patch, ModelJson.BASE_MODEL, errors) : current.baseModel();
    String version = patch.containsKey(ModelJson.VERSION)
        ? ModelJson.requiredString(patch, ModelJson.VERSION, errors) : current.version();
    Map<String, Object> parameters = mergeTree(current.parameters(), patch, ModelJson.PARAMETERS, errors);
    Map<String, Object> metadata = mergeTree(current.metadata(), patch, ModelJson.METADATA, errors);
    ModelStatus status = current.status();
    if (patch.containsKey(ModelJson.STATUS)) {
      status = ModelJson.status(patch.getValue(ModelJson.STATUS), errors);
    }
    // the current model met these rules when it was stored: only the fields the patch sets are checked
    // again (an unchanged tree kept as text is not parsed to be measured)
    ModelRules.checkContent(patched(patch, ModelJson.BASE_MODEL, baseModel), patched(patch, ModelJson.VERSION, version),
        patched(patch, ModelJson.PARAMETERS, parameters), patched(patch, ModelJson.METADATA, metadata), errors);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    if (!current.status().canMoveTo(status)) {
      throw new IllegalTransitionException(current.id(), current.status().wireName(), status.wireName(),
          current.status().next().stream().map(ModelStatus::wireName).toList());
    }
    return new ModelDraft(new ModelId(current.id()), baseModel, version, parameters, metadata, status);
  }

  private static <T> T patched(JsonObject patch, String field, T value) {
    return patch.containsKey(field) ? value : null;
  }

  private static void checkIdUnchanged(String id, JsonObject patch, List<FieldError> errors) {
    if (patch.containsKey(ModelJson.ID) && !id.equals(patch.getValue(ModelJson.ID))) {
      errors.add(new FieldError(ModelJson.pointer(ModelJson.ID), "cannot change; this model's id is '" + id + "'"));
    }
  }

  private static Map<String, Object> mergeTree(Map<String, Object> current, JsonObject patch,
      String field, List<FieldError> errors) {
    if (!patch.containsKey(field)) {
      return current;
    }
    Object value = patch.getValue(field);
    if (value == null) {
      return Map.of();
    }
    Map<String, Object> tree = ModelJson.tree(field, value, errors);
    if (tree == null) {
      return null;
    }
    // encoded once here, where it is measured; the stored revision keeps that text. A tree past the
    // depth limit stays as it is: its rule refuses it, and the encoder would fail on it (past 1,000 levels)
    Map<String, Object> merged = MergePatch.apply(current, tree);
    return JsonTree.depth(merged) > ModelRules.MAX_TREE_DEPTH ? merged : JsonTree.encoded(merged);
  }
}
