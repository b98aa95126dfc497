package io.sophra.registry.model;

import java.util.Map;
import java.util.Objects;

/** The part of a model a client controls: what a registration carries and a merge patch changes. */
public record ModelDraft(
    String id,
    String baseModel,
    String version,
    Map<String, Object> parameters,
    Map<String, Object> metadata,
    ModelStatus status) {

  public ModelDraft {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(baseModel, "baseModel");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    parameters = JsonTree.freeze(parameters);
    metadata = JsonTree.freeze(metadata);
  }
}
