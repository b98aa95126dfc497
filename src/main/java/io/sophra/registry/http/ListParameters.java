package io.sophra.registry.http;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelRules;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.ModelQuery;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The query parameters of {@code GET /v1/models}, each checked with a message naming it. */
final class ListParameters {

  private ListParameters() {
  }

  static ModelQuery query(MultiMap params) {
    Optional<String> baseModel = single(params, "baseModel");
    baseModel.ifPresent(value -> {
      List<FieldError> errors = new ArrayList<>();
      ModelRules.checkBaseModel("baseModel", value, errors);
      if (!errors.isEmpty()) {
        throw HttpProblem.invalid("baseModel", errors.get(0).message());
      }
    });
    Optional<ModelStatus> status = single(params, "status").map(value -> ModelStatus.fromWire(value)
        .orElseThrow(() -> HttpProblem.invalid("status", "must be one of initializing, training, ready, error")));
    int limit = single(params, "limit").map(ListParameters::limit).orElse(ModelQuery.DEFAULT_LIMIT);
    Optional<ModelId> after = single(params, "cursor").map(cursor -> Cursors.decode(cursor)
        .orElseThrow(() -> HttpProblem.invalid("cursor", "is not a cursor this registry issued; "
            + "pass the nextCursor of the previous page unchanged")));
    return new ModelQuery(baseModel, status, limit, after);
  }

  static boolean fullView(MultiMap params) {
    return switch (single(params, "view").orElse("summary")) {
      case "summary" -> false;
      case "full" -> true;
      default -> throw HttpProblem.invalid("view", "must be 'summary' or 'full'");
    };
  }

  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= ModelQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HttpProblem.invalid("limit", "must be a whole number from 1 to " + ModelQuery.MAX_LIMIT);
  }

  private static Optional<String> single(MultiMap params, String name) {
    var values = params.getAll(name);
    if (values.size() > 1) {
      throw HttpProblem.invalid(name, "may be given once");
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
