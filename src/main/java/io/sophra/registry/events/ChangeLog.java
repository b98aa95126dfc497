package io.sophra.registry.events;

import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.failure.SequenceGoneException;
import io.vertx.core.Future;
import java.util.List;

/**
 * The cluster's change log: every stored change of a model or an alias, numbered by one cluster-wide
 * sequence (1, 2, 3, … in the order the changes were appended), kept in the grid with synchronous
 * backups and bounded by a retention (the oldest changes go first). {@link EventPublishingRegistry}
 * and {@link AliasEventPublisher} append; the change feed ({@code GET /v1/events}), {@link ChangeTail}
 * and the event-bus catch-up ({@link ChangeReads}) read. No method blocks the calling thread.
 */
public interface ChangeLog {

  /**
   * Appends a stored change and answers its sequence; fails with {@link RegistryException.Unavailable}
   * when the log did not take it in time (whether it did after all is then unknown).
   */
  Future<Long> append(ChangeRecord record);

  /**
   * The changes after sequence {@code after} (0: from the first), oldest first, at most {@code max}
   * (1 to 1000), as far as the log holds them now; empty when there are none yet. Fails with
   * {@link SequenceGoneException} when the change right after {@code after} is no longer retained, or
   * the log does not reach {@code after}: a reader cannot resume there without a gap.
   */
  Future<List<FeedEvent>> readAfter(long after, int max);

  /**
   * Like {@link #readAfter}, but waits (without a deadline) until at least one change after
   * {@code after} exists; it does not check for a gap: the caller compares the sequences it gets.
   * For the one tail reader of a node ({@link ChangeTail}).
   */
  Future<List<FeedEvent>> awaitAfter(long after, int max);

  /** The sequence of the newest change in the log (0 when it never held one). */
  Future<Long> lastSequence();
}
