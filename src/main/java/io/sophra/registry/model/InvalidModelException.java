package io.sophra.registry.model;

import java.util.List;

/** A model or patch that breaks the model's rules; nothing was stored. Carries every error found. */
public final class InvalidModelException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidModelException(List<FieldError> errors) {
    super(summary(errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public InvalidModelException(String pointer, String message) {
    this(List.of(new FieldError(pointer, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    if (errors.size() == 1) {
      FieldError error = errors.get(0);
      return error.pointer() + ": " + error.message();
    }
    return errors.size() + " fields are invalid";
  }
}
