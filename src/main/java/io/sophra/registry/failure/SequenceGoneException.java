package io.sophra.registry.failure;

/**
 * A reader asked for the changes after a sequence the change log no longer holds in full: the change
 * right after it fell out of retention, or the log does not reach that sequence at all (it was
 * started afresh, which happens only when every copy of it was lost). The reader cannot resume
 * without a gap; it must read the current state again (list) and resume after {@link #current()}.
 */
public final class SequenceGoneException extends RegistryException {

  private final long after;
  private final long current;

  /**
   * @param after the sequence the reader asked to resume after
   * @param current the sequence of the newest change known here, to resume after once the state was read again
   */
  public SequenceGoneException(long after, long current) {
    super("the change log no longer holds every change after sequence " + after + " (it holds up to " + current
        + "): read the current state again, then resume after sequence " + current);
    this.after = after;
    this.current = current;
  }

  public long after() {
    return after;
  }

  public long current() {
    return current;
  }

  @Override
  public Kind kind() {
    return Kind.GONE;
  }
}
