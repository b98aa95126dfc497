package io.sophra.registry.failure;

import java.util.Optional;

/** Looks through a failure's chain of causes: one home for the walk several layers need. */
public final class Causes {

  private Causes() {
  }

  /** The first of {@code failure} and its causes that is a {@code type}, or empty; stops at a self-caused one. */
  public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }
}
