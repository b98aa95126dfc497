package io.sophra.registry.http;

import io.sophra.registry.model.FieldError;
import io.sophra.registry.model.InvalidModelException;
import io.sophra.registry.model.ModelRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /v1/models/_batchGet}: {@code {"ids": [...]}}, 1 to 100 well-formed ids. */
final class BatchRequest {

  static final int MAX_IDS = 100;

  private BatchRequest() {
  }

  static List<String> ids(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames().stream().filter(name -> !name.equals("ids"))
        .forEach(name -> errors.add(new FieldError("/" + name, "is not a field of a batch request; send only 'ids'")));
    Object value = body.getValue("ids");
    List<String> ids = new ArrayList<>();
    if (!(value instanceof JsonArray array)) {
      errors.add(new FieldError("/ids", value == null ? "is required" : "must be an array of model ids"));
    } else if (array.isEmpty() || array.size() > MAX_IDS) {
      errors.add(new FieldError("/ids", "must hold 1 to " + MAX_IDS + " ids, not " + array.size()));
    } else {
      for (int i = 0; i < array.size(); i++) {
        Object id = array.getValue(i);
        if (id instanceof String text && ModelRules.isValidId(text)) {
          ids.add(text);
        } else {
          errors.add(new FieldError("/ids/" + i, "is not a valid model id"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return ids;
  }
}
