package io.sophra.registry.model;

import io.sophra.registry.failure.InvalidModelException;
import java.util.Optional;

/**
 * A well-formed model id (DESIGN.md "The model"): 1 to 128 characters of {@code [A-Za-z0-9._-]},
 * starting with a letter or digit, never containing {@code ..}. The only way to hold one is to have
 * it checked, so no layer below the one that made it checks it again, and nothing odd reaches a map
 * key, a Redis key or a log line.
 */
public record ModelId(String value) implements Comparable<ModelId> {

  /** @throws InvalidModelException (pointer {@code id}) when {@code value} is not a well-formed id */
  public ModelId {
    if (!ModelRules.isValidId(value)) {
      throw new InvalidModelException("id", ModelRules.ID_RULE);
    }
  }

  /** The id named {@code value}. @throws InvalidModelException naming {@code pointer} when malformed */
  public static ModelId of(String pointer, String value) {
    if (!ModelRules.isValidId(value)) {
      throw new InvalidModelException(pointer, ModelRules.ID_RULE);
    }
    return new ModelId(value);
  }

  /** The id named {@code value}, or empty when it is not well-formed. */
  public static Optional<ModelId> parse(String value) {
    return ModelRules.isValidId(value) ? Optional.of(new ModelId(value)) : Optional.empty();
  }

  @Override
  public int compareTo(ModelId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
