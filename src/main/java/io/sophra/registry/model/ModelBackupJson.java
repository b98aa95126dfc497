package io.sophra.registry.model;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a model as a backup holds it (the full form {@link ModelJson#toJson} writes): every rule of a
 * registration for the client's fields, and the server's fields too, since a restore keeps them —
 * {@code uid} (1 to 64 characters of {@code A-Z a-z 0-9 . _ -}, so an ETag made of it stays a valid
 * header), {@code revision} (a whole number from 1), {@code createdAt} and {@code updatedAt} (ISO-8601
 * instants, the first not after the second). Every error is collected, each pointer prefixed with
 * {@code prefix} (where the model sits in the line).
 */
public final class ModelBackupJson {

  private static final Pattern UID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private ModelBackupJson() {
  }

  /** @throws InvalidModelException naming every field that is wrong */
  public static ModelConfig read(JsonObject json, String prefix) {
    List<FieldError> errors = new ArrayList<>();
    ModelDraft draft = null;
    try {
      draft = ModelJson.readDraft(json);
    } catch (InvalidModelException e) {
      e.errors().forEach(error -> errors.add(new FieldError(prefix + error.pointer(), error.message())));
    }
    Object uid = json.getValue(ModelJson.UID);
    if (!(uid instanceof String text) || !UID.matcher(text).matches()) {
      errors.add(new FieldError(prefix + "/uid", "is required: 1 to 64 characters of A-Z a-z 0-9 . _ -"));
    }
    Object revision = json.getValue(ModelJson.REVISION);
    boolean wholeNumber = revision instanceof Integer || revision instanceof Long;
    if (!wholeNumber || ((Number) revision).longValue() < 1) {
      errors.add(new FieldError(prefix + "/revision", "is required: a whole number from 1"));
    }
    Instant createdAt = instant(json, ModelJson.CREATED_AT, prefix, errors);
    Instant updatedAt = instant(json, ModelJson.UPDATED_AT, prefix, errors);
    if (createdAt != null && updatedAt != null && createdAt.isAfter(updatedAt)) {
      errors.add(new FieldError(prefix + "/updatedAt", "must not be before createdAt"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new ModelConfig(draft.id().value(), draft.baseModel(), draft.version(), draft.parameters(),
        draft.metadata(), draft.status(), createdAt, updatedAt, (String) uid, ((Number) revision).longValue());
  }

  private static Instant instant(JsonObject json, String field, String prefix, List<FieldError> errors) {
    if (json.getValue(field) instanceof String text) {
      try {
        return Timestamps.truncate(Timestamps.parse(text));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(new FieldError(prefix + "/" + field, "is required: an ISO-8601 instant such as 2025-01-31T12:00:00.000Z"));
    return null;
  }
}
