package io.sophra.registry.failure;

import java.util.List;

/**
 * An alias was to route to a model that does not exist or is not {@code ready}; nothing was stored.
 * Carries one error per such variant, pointing at its {@code /variants/<i>/modelId}.
 */
public final class VariantNotReadyException extends RegistryException {

  private final transient List<FieldError> errors;

  public VariantNotReadyException(List<FieldError> errors) {
    super(errors.size() == 1 ? errors.get(0).pointer() + ": " + errors.get(0).message()
        : errors.size() + " variants name models that are not ready");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  @Override
  public Kind kind() {
    return Kind.VARIANT_NOT_READY;
  }
}
