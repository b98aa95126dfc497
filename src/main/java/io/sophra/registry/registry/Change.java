package io.sophra.registry.registry;

import io.sophra.registry.model.ModelConfig;
import java.util.Optional;

/**
 * What a mutation did: the model before ({@code null} for a registration) and after ({@code null}
 * for a deletion). Audit and events read it, so they never need a second read of the store.
 * A merge patch that changes nothing has {@code before == after} and is not a change at all.
 */
public record Change(Type type, ModelConfig before, ModelConfig after) {

  public enum Type { REGISTERED, UPDATED, DELETED }

  public static Change registered(ModelConfig after) {
    return new Change(Type.REGISTERED, null, after);
  }

  public static Change updated(ModelConfig before, ModelConfig after) {
    return new Change(Type.UPDATED, before, after);
  }

  public static Change deleted(ModelConfig before) {
    return new Change(Type.DELETED, before, null);
  }

  /** The model as it is now, or as it was last for a deletion. */
  public ModelConfig latest() {
    return after != null ? after : before;
  }

  /** Whether anything was stored; a no-op patch (or a skipped restore) stores nothing. */
  public boolean changedAnything() {
    return type != Type.UPDATED || before.revision() != after.revision() || !before.uid().equals(after.uid());
  }

  public Optional<ModelConfig> afterIfPresent() {
    return Optional.ofNullable(after);
  }
}
