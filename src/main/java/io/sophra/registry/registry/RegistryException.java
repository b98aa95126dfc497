package io.sophra.registry.registry;

/**
 * A typed failure of the registry. Each subclass is one kind of problem a client can act on; none
 * carries a stack trace, because none is a bug.
 */
public abstract class RegistryException extends RuntimeException {

  protected RegistryException(String message) {
    super(message, null, false, false);
  }

  protected RegistryException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** No model has this id. */
  public static final class NotFound extends RegistryException {
    public NotFound(String id) {
      super("no model has id '" + id + "'");
    }
  }

  /** A model with this id is registered already. */
  public static final class AlreadyExists extends RegistryException {
    public AlreadyExists(String id) {
      super("a model with id '" + id + "' is registered already");
    }
  }

  /** The caller's expected ETag does not name the current revision. */
  public static final class RevisionMismatch extends RegistryException {
    private final String currentEtag;

    public RevisionMismatch(String id, String expected, String currentEtag) {
      super("model '" + id + "' is at " + currentEtag + ", not " + expected);
      this.currentEtag = currentEtag;
    }

    public String currentEtag() {
      return currentEtag;
    }
  }

  /** The registry holds {@code max} models already. */
  public static final class RegistryFull extends RegistryException {
    public RegistryFull(int max) {
      super("the registry holds its maximum of " + max + " models (MODEL_REGISTRY_MAX_MODELS);"
          + " delete a model or raise the limit");
    }
  }

  /** The caller lacks a permission. */
  public static final class Forbidden extends RegistryException {
    public Forbidden(String subject, Permission permission) {
      super("'" + subject + "' lacks permission " + permission);
    }
  }

  /**
   * The store could not answer in time, or the outcome of a write is unknown (for example its owner
   * died mid-write). The caller may retry; a retried registration or If-Match update is safe.
   */
  public static final class Unavailable extends RegistryException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
