package io.sophra.registry.model;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of a model a client controls: what a registration carries and a merge patch changes.
 * A draft always keeps the model's rules: {@link #of} checks every field, and the readers of this
 * package ({@link ModelJson#readDraft}, {@link ModelPatch#apply}) check theirs with the same
 * {@link ModelRules} before they make one. So a draft handed to the registry needs no second look.
 */
public final class ModelDraft {

  private final ModelId id;
  private final String baseModel;
  private final String version;
  private final Map<String, Object> parameters;
  private final Map<String, Object> metadata;
  private final ModelStatus status;

  /** Only for values checked already, by this package's readers. */
  ModelDraft(ModelId id, String baseModel, String version, Map<String, Object> parameters,
      Map<String, Object> metadata, ModelStatus status) {
    this.id = Objects.requireNonNull(id, "id");
    this.baseModel = Objects.requireNonNull(baseModel, "baseModel");
    this.version = Objects.requireNonNull(version, "version");
    this.status = Objects.requireNonNull(status, "status");
    this.parameters = JsonTree.freeze(parameters);
    this.metadata = JsonTree.freeze(metadata);
  }

  /**
   * A draft for an in-process caller, checked against every rule of the model.
   *
   * @throws InvalidModelException naming every field that is wrong
   */
  public static ModelDraft of(String id, String baseModel, String version, Map<String, Object> parameters,
      Map<String, Object> metadata, ModelStatus status) {
    List<FieldError> errors = new ArrayList<>();
    String[] required = {id, baseModel, version};
    String[] names = {ModelJson.ID, ModelJson.BASE_MODEL, ModelJson.VERSION};
    for (int i = 0; i < required.length; i++) {
      if (required[i] == null) {
        errors.add(new FieldError(ModelJson.pointer(names[i]), "is required"));
      }
    }
    if (status == null) {
      errors.add(new FieldError(ModelJson.pointer(ModelJson.STATUS), "is required"));
    }
    if (id != null) {
      ModelRules.checkId(ModelJson.pointer(ModelJson.ID), id, errors);
    }
    ModelRules.checkContent(baseModel, version, frozen(parameters), frozen(metadata), errors);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new ModelDraft(new ModelId(id), baseModel, version, parameters, metadata, status);
  }

  private static Map<String, Object> frozen(Map<String, Object> tree) {
    return tree == null ? Map.of() : JsonTree.freeze(tree);
  }

  public ModelId id() {
    return id;
  }

  public String baseModel() {
    return baseModel;
  }

  public String version() {
    return version;
  }

  public Map<String, Object> parameters() {
    return parameters;
  }

  public Map<String, Object> metadata() {
    return metadata;
  }

  public ModelStatus status() {
    return status;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelDraft draft && id.equals(draft.id) && baseModel.equals(draft.baseModel)
        && version.equals(draft.version) && parameters.equals(draft.parameters) && metadata.equals(draft.metadata)
        && status == draft.status;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, baseModel, version, parameters, metadata, status);
  }

  @Override
  public String toString() {
    return "ModelDraft[id=" + id + ", baseModel=" + baseModel + ", version=" + version + ", status=" + status + "]";
  }
}
