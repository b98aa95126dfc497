package io.sophra.registry.failure;

/**
 * The registry's typed failures: one sealed hierarchy, each type one kind of problem a client can act
 * on. None carries a stack trace, because none is a bug. Code that sorts failures (the HTTP problem
 * renderer, the refusal counter) switches over {@link #kind()}, so the compiler points at every
 * place a new kind must be handled (Java 17 has no pattern-matching switch over the types themselves).
 */
public abstract sealed class RegistryException extends RuntimeException
    permits InvalidModelException, IllegalTransitionException, RegistryException.NotFound,
    RegistryException.AlreadyExists, RegistryException.RevisionMismatch, RegistryException.RegistryFull,
    RegistryException.Forbidden, RegistryException.Unavailable, InUseByAliasException, VariantNotReadyException,
    NoReadyVariantException, RegistryException.NoQuorum, SequenceGoneException {

  /** One constant per permitted type. */
  public enum Kind {
    INVALID, ILLEGAL_TRANSITION, NOT_FOUND, ALREADY_EXISTS, REVISION_MISMATCH, REGISTRY_FULL, FORBIDDEN, UNAVAILABLE,
    IN_USE_BY_ALIAS, VARIANT_NOT_READY, NO_READY_VARIANT, NO_QUORUM,
    // grid outcomes carry a kind by its ordinal between members (grid.WriteOutcome): add new kinds last
    GONE
  }

  protected RegistryException(String message) {
    super(message, null, false, false);
  }

  protected RegistryException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** Which kind of failure this is. */
  public abstract Kind kind();

  /** No model has this id (or, made by {@link #alias}, no alias has this name). */
  public static final class NotFound extends RegistryException {
    public NotFound(String id) {
      this("no model has id '" + id + "'", true);
    }

    private NotFound(String message, boolean unused) {
      super(message);
    }

    /** No alias is named {@code name}. */
    public static NotFound alias(String name) {
      return new NotFound("no alias is named '" + name + "'", true);
    }

    @Override
    public Kind kind() {
      return Kind.NOT_FOUND;
    }
  }

  /** A model with this id is registered already. */
  public static final class AlreadyExists extends RegistryException {
    public AlreadyExists(String id) {
      super("a model with id '" + id + "' is registered already");
    }

    @Override
    public Kind kind() {
      return Kind.ALREADY_EXISTS;
    }
  }

  /** The caller's expected ETag does not name the current revision. */
  public static final class RevisionMismatch extends RegistryException {
    private final String currentEtag;

    public RevisionMismatch(String id, String expected, String currentEtag) {
      this("model '" + id + "' is at " + currentEtag + ", not " + expected, currentEtag);
    }

    private RevisionMismatch(String message, String currentEtag) {
      super(message);
      this.currentEtag = currentEtag;
    }

    /**
     * The alias named {@code name} is at {@code currentEtag} (null: it does not exist), which the
     * caller's {@code If-Match} or {@code If-None-Match} ({@code condition}) does not allow.
     */
    public static RevisionMismatch alias(String name, String condition, String currentEtag) {
      return new RevisionMismatch("alias '" + name + "' " + (currentEtag == null ? "does not exist" : "is at " + currentEtag)
          + ", which " + condition + " does not allow", currentEtag);
    }

    /** The current ETag, or null when the thing does not exist. */
    public String currentEtag() {
      return currentEtag;
    }

    @Override
    public Kind kind() {
      return Kind.REVISION_MISMATCH;
    }
  }

  /** The registry holds {@code max} models already. */
  public static final class RegistryFull extends RegistryException {
    public RegistryFull(int max) {
      this("the registry holds its maximum of " + max + " models (MODEL_REGISTRY_MAX_MODELS);"
          + " delete a model or raise the limit", true);
    }

    private RegistryFull(String message, boolean unused) {
      super(message);
    }

    /** The registry holds {@code max} aliases already. */
    public static RegistryFull aliases(int max) {
      return new RegistryFull("the registry holds its maximum of " + max + " aliases (MODEL_REGISTRY_MAX_ALIASES);"
          + " delete an alias or raise the limit", true);
    }

    @Override
    public Kind kind() {
      return Kind.REGISTRY_FULL;
    }
  }

  /** The caller lacks a permission. */
  public static final class Forbidden extends RegistryException {
    public Forbidden(String subject, String permission) {
      super("'" + subject + "' lacks permission " + permission);
    }

    @Override
    public Kind kind() {
      return Kind.FORBIDDEN;
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

    @Override
    public Kind kind() {
      return Kind.UNAVAILABLE;
    }
  }

  /**
   * The node (or the member owning the model) sees fewer than a strict majority of the cluster's
   * members, so it may be cut off from the others and refuses to read or write (split-brain
   * protection). Unlike {@link Unavailable}, the outcome is known: nothing was read or changed, so
   * the caller may retry at once through another node.
   */
  public static final class NoQuorum extends RegistryException {
    public NoQuorum(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public Kind kind() {
      return Kind.NO_QUORUM;
    }
  }
}
