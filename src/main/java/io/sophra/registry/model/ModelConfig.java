package io.sophra.registry.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One registered model configuration: immutable, safe to share between threads and to keep in a
 * Near Cache in object form.
 *
 * <p>{@code parameters} and {@code metadata} are deeply unmodifiable JSON trees (maps, lists, strings,
 * numbers, booleans and nulls). {@code uid}, {@code revision}, {@code createdAt} and {@code updatedAt}
 * are the server's: a client can never set them.
 */
public record ModelConfig(
    String id,
    String baseModel,
    String version,
    Map<String, Object> parameters,
    Map<String, Object> metadata,
    ModelStatus status,
    Instant createdAt,
    Instant updatedAt,
    String uid,
    long revision) {

  public ModelConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(baseModel, "baseModel");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(uid, "uid");
    parameters = JsonTree.freeze(parameters);
    metadata = JsonTree.freeze(metadata);
  }

  /** A new model from what a client sent: revision 1, created and updated {@code now}. */
  public static ModelConfig register(ModelDraft draft, String uid, Instant now) {
    Instant at = Timestamps.truncate(now);
    return new ModelConfig(draft.id().value(), draft.baseModel(), draft.version(), draft.parameters(),
        draft.metadata(), draft.status(), at, at, uid, 1);
  }

  /**
   * This model with {@code parameters} and {@code metadata} in the form the grid keeps them
   * ({@link StoredTree}): a tree built in memory is encoded (and deflated, when long) once here, and
   * every later encoding of this revision reuses the text: the stored record, the backup, the write's
   * answer, the request a registration sends. Trees read back from the grid are kept as they are.
   */
  public ModelConfig encodedOnce() {
    if (parameters instanceof JsonText && metadata instanceof JsonText) {
      return this;
    }
    return new ModelConfig(id, baseModel, version, JsonTree.encoded(parameters), JsonTree.encoded(metadata), status,
        createdAt, updatedAt, uid, revision);
  }

  /** The strong entity tag of this revision, quotes included: {@code "<uid>.<revision>"}. */
  public String etag() {
    return Etags.of(uid, revision);
  }

  /** Whether {@code draft} holds exactly this model's client-controlled content (a patch that changes nothing). */
  public boolean holds(ModelDraft draft) {
    return draft.id().value().equals(id) && draft.baseModel().equals(baseModel) && draft.version().equals(version)
        && draft.parameters().equals(parameters) && draft.metadata().equals(metadata) && draft.status() == status;
  }

  /** The next revision of this model holding {@code draft}'s content, updated {@code now}. */
  public ModelConfig next(ModelDraft draft, Instant now) {
    return new ModelConfig(id, draft.baseModel(), draft.version(), draft.parameters(),
        draft.metadata(), draft.status(), createdAt, Timestamps.truncate(now), uid, revision + 1);
  }
}
