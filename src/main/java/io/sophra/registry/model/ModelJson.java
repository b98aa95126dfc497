package io.sophra.registry.model;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model's one JSON form, used by HTTP, events and the stores alike, and the reading of what a
 * client sends. Reading collects every error before failing, so one answer names all of them.
 */
public final class ModelJson {

  public static final String ID = "id";
  public static final String BASE_MODEL = "baseModel";
  public static final String VERSION = "version";
  public static final String PARAMETERS = "parameters";
  public static final String METADATA = "metadata";
  public static final String STATUS = "status";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String UID = "uid";
  public static final String REVISION = "revision";

  /** Fields the server sets: accepted in a body (a client may send back what it read) and ignored. */
  public static final Set<String> SERVER_FIELDS = Set.of(CREATED_AT, UPDATED_AT, UID, REVISION);
  static final Set<String> CLIENT_FIELDS = Set.of(ID, BASE_MODEL, VERSION, PARAMETERS, METADATA, STATUS);

  private ModelJson() {
  }

  /** The full form: every field. */
  public static JsonObject toJson(ModelConfig model) {
    return summary(model)
        .put(PARAMETERS, JsonTree.toJson(model.parameters()))
        .put(METADATA, JsonTree.toJson(model.metadata()));
  }

  /** The summary form: every field but {@code parameters} and {@code metadata}. */
  public static JsonObject summary(ModelConfig model) {
    return new JsonObject()
        .put(ID, model.id())
        .put(BASE_MODEL, model.baseModel())
        .put(VERSION, model.version())
        .put(STATUS, model.status().wireName())
        .put(UID, model.uid())
        .put(REVISION, model.revision())
        .put(CREATED_AT, Timestamps.format(model.createdAt()))
        .put(UPDATED_AT, Timestamps.format(model.updatedAt()));
  }

  /** Reads a stored full form back (trusted input written by {@link #toJson}). */
  public static ModelConfig fromJson(JsonObject json) {
    return new ModelConfig(
        json.getString(ID),
        json.getString(BASE_MODEL),
        json.getString(VERSION),
        json.getJsonObject(PARAMETERS, new JsonObject()).getMap(),
        json.getJsonObject(METADATA, new JsonObject()).getMap(),
        ModelStatus.fromWire(json.getString(STATUS)).orElseThrow(),
        Timestamps.parse(json.getString(CREATED_AT)),
        Timestamps.parse(json.getString(UPDATED_AT)),
        json.getString(UID),
        json.getLong(REVISION));
  }

  /**
   * Reads a registration body into a draft, checking every rule.
   *
   * @throws InvalidModelException naming every field that is wrong
   */
  public static ModelDraft readDraft(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    rejectUnknownFields(body, errors);
    String id = requiredString(body, ID, errors);
    String baseModel = requiredString(body, BASE_MODEL, errors);
    String version = requiredString(body, VERSION, errors);
    Map<String, Object> parameters = optionalTree(body, PARAMETERS, errors);
    Map<String, Object> metadata = optionalTree(body, METADATA, errors);
    ModelStatus status = body.containsKey(STATUS) ? status(body.getValue(STATUS), errors) : ModelStatus.INITIALIZING;
    if (id != null) {
      ModelRules.checkId(pointer(ID), id, errors);
    }
    ModelRules.checkContent(baseModel, version, parameters, metadata, errors);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new ModelDraft(new ModelId(id), baseModel, version, parameters, metadata, status);
  }

  static void rejectUnknownFields(JsonObject body, List<FieldError> errors) {
    for (String field : body.fieldNames()) {
      if (!CLIENT_FIELDS.contains(field) && !SERVER_FIELDS.contains(field)) {
        errors.add(new FieldError(pointer(field), "is not a field of a model; known fields are "
            + "id, baseModel, version, parameters, metadata, status"));
      }
    }
  }

  static String requiredString(JsonObject body, String field, List<FieldError> errors) {
    Object value = body.getValue(field);
    if (value == null) {
      errors.add(new FieldError(pointer(field), "is required"));
      return null;
    }
    return string(field, value, errors);
  }

  static String string(String field, Object value, List<FieldError> errors) {
    if (value instanceof String text) {
      return text;
    }
    errors.add(new FieldError(pointer(field), "must be a string"));
    return null;
  }

  static Map<String, Object> optionalTree(JsonObject body, String field, List<FieldError> errors) {
    if (!body.containsKey(field)) {
      return Map.of();
    }
    return tree(field, body.getValue(field), errors);
  }

  static Map<String, Object> tree(String field, Object value, List<FieldError> errors) {
    if (value instanceof JsonObject object) {
      return object.getMap();
    }
    errors.add(new FieldError(pointer(field), "must be a JSON object"));
    return null;
  }

  static ModelStatus status(Object value, List<FieldError> errors) {
    if (value instanceof String text) {
      var status = ModelStatus.fromWire(text);
      if (status.isPresent()) {
        return status.get();
      }
    }
    errors.add(new FieldError(pointer(STATUS), "must be one of initializing, training, ready, error"));
    return null;
  }

  static String pointer(String field) {
    return "/" + field.replace("~", "~0").replace("/", "~1");
  }
}
