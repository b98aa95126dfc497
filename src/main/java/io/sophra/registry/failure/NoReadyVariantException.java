package io.sophra.registry.failure;

/** Every variant of an alias routes to a model in {@code error}: there is nothing to resolve to. */
public final class NoReadyVariantException extends RegistryException {

  public NoReadyVariantException(String alias) {
    super("no variant of alias '" + alias + "' is ready: every variant's model is in error");
  }

  @Override
  public Kind kind() {
    return Kind.NO_READY_VARIANT;
  }
}
