package io.sophra.registry.model;

/** A status change that the lifecycle does not allow; nothing was stored. */
public final class IllegalTransitionException extends RuntimeException {

  private final ModelStatus from;
  private final ModelStatus to;

  public IllegalTransitionException(String id, ModelStatus from, ModelStatus to) {
    super("model '" + id + "' cannot move from " + from + " to " + to
        + "; from " + from + " it may move to " + from.next(), null, false, false);
    this.from = from;
    this.to = to;
  }

  public ModelStatus from() {
    return from;
  }

  public ModelStatus to() {
    return to;
  }
}
