package io.sophra.registry.registry;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import java.util.Optional;

/**
 * A page request of {@link ModelRegistry#listModels}: optional filters, a page size, and the id after
 * which the page starts (the decoded cursor; empty for the first page). Pages are sorted by id.
 */
public record ModelQuery(Optional<String> baseModel, Optional<ModelStatus> status, int limit,
    Optional<ModelId> after) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public ModelQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Whether a model of this base model and status passes the filters (the cursor and limit aside). */
  public boolean admits(String modelBaseModel, ModelStatus modelStatus) {
    return baseModel.map(modelBaseModel::equals).orElse(true) && status.map(modelStatus::equals).orElse(true);
  }

  public static ModelQuery firstPage(int limit) {
    return new ModelQuery(Optional.empty(), Optional.empty(), limit, Optional.empty());
  }
}
