package io.sophra.registry.registry;

import java.util.Optional;

/**
 * The cause inside the {@code Unavailable} failure of a write the store made but the change log did
 * not take (see {@code events.EventPublishingRegistry}): the change stands, so the audit decorator
 * above still records it ({@link #find}), while the caller gets a 503 saying the change is stored
 * but not in the feed. Carries a model {@link Change} or an alias change.
 */
public final class UnloggedChange extends RuntimeException {

  private final transient Object change;

  public UnloggedChange(Object change, Throwable appendFailure) {
    super("the change is stored but the change log did not take it: " + appendFailure, appendFailure, false, false);
    this.change = change;
  }

  /** The change of type {@code type} that {@code failure} says was stored without being logged, if it says so. */
  public static <T> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof UnloggedChange unlogged && type.isInstance(unlogged.change)) {
        return Optional.of(type.cast(unlogged.change));
      }
    }
    return Optional.empty();
  }
}
