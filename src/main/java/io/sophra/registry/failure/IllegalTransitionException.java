package io.sophra.registry.failure;

import java.util.Collection;
import java.util.List;

/**
 * A status change that the lifecycle does not allow; nothing was stored. Statuses are named by their
 * wire names ({@code ready}, {@code error}, ...), so this type needs nothing of the model.
 */
public final class IllegalTransitionException extends RegistryException {

  private final String from;
  private final String to;
  private final List<String> allowed;

  public IllegalTransitionException(String id, String from, String to, Collection<String> allowed) {
    super("model '" + id + "' cannot move from " + from + " to " + to + "; from " + from + " it may move to "
        + allowed);
    this.from = from;
    this.to = to;
    this.allowed = List.copyOf(allowed);
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }

  /** The statuses {@link #from()} may move to. */
  public List<String> allowed() {
    return allowed;
  }

  @Override
  public Kind kind() {
    return Kind.ILLEGAL_TRANSITION;
  }
}
