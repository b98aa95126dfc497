package io.sophra.registry.http;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The body of {@code POST /v1/models/_batchGet}: {@code {"ids": [...]}}, 1 to 100 well-formed ids. */
final class BatchRequest {

  static final int MAX_IDS = 100;

  private BatchRequest() {
  }

  static List<ModelId> ids(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames().stream().filter(name -> !name.equals("ids"))
        .forEach(name -> errors.add(new FieldError("/" + name, "is not a field of a batch request; send only 'ids'")));
    Object value = body.getValue("ids");
    List<ModelId> ids = new ArrayList<>();
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("/ids", value == null ? "is required" : "must be an array of model ids"));
    } else if (array.isEmpty() || array.size() > MAX_IDS) {
      errors.add(new FieldError("/ids", "must hold 1 to " + MAX_IDS + " ids, not " + array.size()));
    } else {
      for (int i = 0; i < array.size(); i++) {
        Object id = array.getValue(i);
        Optional<ModelId> valid = id instanceof String text ? ModelId.parse(text) : Optional.empty();
        if (valid.isPresent()) {
          ids.add(valid.get());
        } else {
          errors.add(new FieldError("/ids/" + i, ModelRules.ID_RULE));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return ids;
  }
}
