package io.sophra.registry.alias;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.model.ModelRules;
import io.sophra.registry.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The alias's one JSON form (HTTP, events), a resolution's, and the reading of what a client sends.
 * Reading collects every error before failing, so one answer names all of them.
 */
public final class AliasJson {

  public static final String NAME = "name";
  public static final String VARIANTS = "variants";
  public static final String MODEL_ID = "modelId";
  public static final String WEIGHT = "weight";
  public static final String SALT = "salt";
  public static final String DESCRIPTION = "description";
  public static final String UID = "uid";
  public static final String REVISION = "revision";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";
  /** The field of a resolution that holds the chosen model, always its last. */
  public static final String RESOLVED_MODEL = "model";

  /** Fields the server sets (or the path gives): accepted in a body, so a client may send back what it read, and ignored. */
  static final Set<String> SERVER_FIELDS = Set.of(NAME, UID, REVISION, CREATED_AT, UPDATED_AT);
  static final Set<String> CLIENT_FIELDS = Set.of(VARIANTS, SALT, DESCRIPTION);

  private AliasJson() {
  }

  public static JsonObject toJson(Alias alias) {
    JsonArray variants = new JsonArray();
    alias.variants().forEach(variant -> variants.add(variantJson(variant)));
    return new JsonObject()
        .put(NAME, alias.name())
        .put(VARIANTS, variants)
        .put(SALT, alias.salt())
        .put(DESCRIPTION, alias.description())
        .put(UID, alias.uid())
        .put(REVISION, alias.revision())
        .put(CREATED_AT, Timestamps.format(alias.createdAt()))
        .put(UPDATED_AT, Timestamps.format(alias.updatedAt()));
  }

  /**
   * A resolution: which alias revision, which variant and why, the subject's bucket, the variants
   * skipped (their model in error), and the full model, last.
   */
  public static JsonObject toJson(Resolution resolution) {
    return resolutionWithoutModel(resolution).put(RESOLVED_MODEL, ModelJson.toJson(resolution.model()));
  }

  /**
   * {@link #toJson(Resolution)} without its last field, {@value #RESOLVED_MODEL}: for a caller that
   * holds the model's body already encoded and appends it.
   */
  public static JsonObject resolutionWithoutModel(Resolution resolution) {
    Alias alias = resolution.alias();
    JsonObject json = new JsonObject()
        .put("alias", new JsonObject().put(NAME, alias.name()).put(UID, alias.uid()).put(REVISION, alias.revision()));
    resolution.subject().ifPresent(subject -> json.put("subject", subject));
    return json
        .put("bucket", resolution.draw().bucket())
        .put("variant", variantJson(resolution.variant()).put("index", resolution.variantIndex()))
        .put("reason", resolution.reason().wireName())
        .put("skipped", new JsonArray(resolution.skipped().stream().map(ModelId::value).toList()));
  }

  private static JsonObject variantJson(Variant variant) {
    return new JsonObject().put(MODEL_ID, variant.modelId().value()).put(WEIGHT, variant.weight());
  }

  /**
   * Reads the body of {@code PUT /v1/aliases/{name}} into a draft, checking every rule. A {@code name}
   * in the body, when present, must be the path's.
   *
   * @throws InvalidModelException naming every field that is wrong
   */
  public static AliasDraft readDraft(AliasName name, JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    for (String field : body.fieldNames()) {
      if (!CLIENT_FIELDS.contains(field) && !SERVER_FIELDS.contains(field)) {
        errors.add(new FieldError(pointer(field), "is not a field of an alias; known fields are variants, salt,"
            + " description"));
      }
    }
    Object bodyName = body.getValue(NAME);
    if (bodyName != null && !name.value().equals(bodyName)) {
      errors.add(new FieldError(pointer(NAME), "must be the alias's name from the path, '" + name + "', if sent"));
    }
    List<Variant> variants = variants(body.getValue(VARIANTS), errors);
    Optional<String> salt = optionalString(body, SALT, errors);
    Optional<String> description = optionalString(body, DESCRIPTION, errors);
    if (variants != null) {
      AliasRules.checkVariants(pointer(VARIANTS), variants, errors);
    }
    salt.ifPresent(value -> AliasRules.checkSalt(pointer(SALT), value, errors));
    description.ifPresent(value -> AliasRules.checkDescription(pointer(DESCRIPTION), value, errors));
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new AliasDraft(variants, salt, description.orElse(""));
  }

  private static List<Variant> variants(Object value, List<FieldError> errors) {
    String pointer = pointer(VARIANTS);
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError(pointer, value == null ? "is required" : "must be an array of {modelId, weight}"));
      return null;
    }
    if (array.isEmpty() || array.size() > AliasRules.MAX_VARIANTS) {
      errors.add(new FieldError(pointer, "must hold 1 to " + AliasRules.MAX_VARIANTS + " variants, not " + array.size()));
      return null;
    }
    List<Variant> variants = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Variant variant = variant(pointer + "/" + i, array.getValue(i), errors);
      if (variant != null) {
        variants.add(variant);
      }
    }
    return variants.size() == array.size() ? variants : null;
  }

  private static Variant variant(String pointer, Object value, List<FieldError> errors) {
    if (!(value instanceof JsonObject object)) {
      errors.add(new FieldError(pointer, "must be an object {modelId, weight}"));
      return null;
    }
    int before = errors.size();
    object.fieldNames().stream().filter(field -> !field.equals(MODEL_ID) && !field.equals(WEIGHT))
        .forEach(field -> errors.add(new FieldError(pointer + pointer(field), "is not a field of a variant; known"
            + " fields are modelId, weight")));
    Object modelId = object.getValue(MODEL_ID);
    Optional<ModelId> id = modelId instanceof String text ? ModelId.parse(text) : Optional.empty();
    if (id.isEmpty()) {
      errors.add(new FieldError(pointer + pointer(MODEL_ID), modelId == null ? "is required" : ModelRules.ID_RULE));
    }
    Object weight = object.getValue(WEIGHT);
    if (!(weight instanceof Integer || weight instanceof Long)) {
      errors.add(new FieldError(pointer + pointer(WEIGHT), weight == null ? "is required"
          : "must be a whole number from 0 to " + AliasRules.TOTAL_WEIGHT));
    } else if (((Number) weight).longValue() < 0 || ((Number) weight).longValue() > AliasRules.TOTAL_WEIGHT) {
      errors.add(new FieldError(pointer + pointer(WEIGHT), "must be a whole number from 0 to " + AliasRules.TOTAL_WEIGHT));
    }
    return errors.size() == before ? new Variant(id.get(), ((Number) weight).intValue()) : null;
  }

  private static Optional<String> optionalString(JsonObject body, String field, List<FieldError> errors) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof String text) {
      return Optional.of(text);
    }
    errors.add(new FieldError(pointer(field), "must be a string"));
    return Optional.empty();
  }

  static String pointer(String field) {
    return "/" + field.replace("~", "~0").replace("/", "~1");
  }
}
