package io.sophra.registry.registry;

import io.sophra.registry.model.ModelConfig;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a mutation did: the model before ({@code null} for a registration) and after ({@code null}
 * for a deletion), and once the change log took it, its {@code sequence} there. Audit and events read
 * it, so they never need a second read of the store. A merge patch that changes nothing has
 * {@code before == after} and is not a change at all (and has no sequence).
 */
public record Change(Type type, ModelConfig before, ModelConfig after, OptionalLong sequence) {

  public enum Type { REGISTERED, UPDATED, DELETED }

  /** A change as the store made it, not (yet) in the change log. */
  public Change(Type type, ModelConfig before, ModelConfig after) {
    this(type, before, after, OptionalLong.empty());
  }

  public static Change registered(ModelConfig after) {
    return new Change(Type.REGISTERED, null, after);
  }

  public static Change updated(ModelConfig before, ModelConfig after) {
    return new Change(Type.UPDATED, before, after);
  }

  public static Change deleted(ModelConfig before) {
    return new Change(Type.DELETED, before, null);
  }

  /** This change as the change log numbered it. */
  public Change withSequence(long assigned) {
    return new Change(type, before, after, OptionalLong.of(assigned));
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
