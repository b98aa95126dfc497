package io.sophra.registry.failure;

import java.util.List;

/** Input that breaks the registry's rules (a model, a patch, an id, a query); nothing was stored. Carries every error found. */
public final class InvalidModelException extends RegistryException {

  private final transient List<FieldError> errors;

  public InvalidModelException(List<FieldError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  public InvalidModelException(String pointer, String message) {
    this(List.of(new FieldError(pointer, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  @Override
  public Kind kind() {
    return Kind.INVALID;
  }

  private static String summary(List<FieldError> errors) {
    if (errors.size() == 1) {
      FieldError error = errors.get(0);
      return error.pointer() + ": " + error.message();
    }
    return errors.size() + " fields are invalid";
  }
}
