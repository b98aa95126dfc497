package io.sophra.registry.alias;

import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.model.ModelRules;
import java.util.Optional;

/**
 * A well-formed alias name: the model id rules ({@link ModelRules#isValidId}), so a name is safe in a
 * path, a map key and a log line. Aliases and models have separate namespaces: an alias may share its
 * name with a model.
 */
public record AliasName(String value) implements Comparable<AliasName> {

  /** What a well-formed name is, in the words of every error about one. */
  public static final String RULE = "is not a valid alias name: like a model id, 1 to " + ModelRules.MAX_ID_LENGTH
      + " characters of letters, digits, '.', '_' and '-', starting with a letter or digit, without '..'";

  /** @throws InvalidModelException (pointer {@code name}) when {@code value} is not well-formed */
  public AliasName {
    if (!ModelRules.isValidId(value)) {
      throw new InvalidModelException("name", RULE);
    }
  }

  /** The name {@code value}. @throws InvalidModelException naming {@code pointer} when malformed */
  public static AliasName of(String pointer, String value) {
    if (!ModelRules.isValidId(value)) {
      throw new InvalidModelException(pointer, RULE);
    }
    return new AliasName(value);
  }

  /** The name {@code value}, or empty when it is not well-formed. */
  public static Optional<AliasName> parse(String value) {
    return ModelRules.isValidId(value) ? Optional.of(new AliasName(value)) : Optional.empty();
  }

  @Override
  public int compareTo(AliasName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
