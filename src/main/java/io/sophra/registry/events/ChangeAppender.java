package io.sophra.registry.events;

import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.registry.UnloggedChange;
import io.vertx.core.Future;

/**
 * Appends a stored change to the {@link ChangeLog} for the two publishers. When the log does not take
 * it, the write still stands (the store accepted it), so the failure is a 503 that says so and
 * carries the change ({@link UnloggedChange}), for the audit decorator above to record it anyway.
 */
final class ChangeAppender {

  private final ChangeLog log;

  ChangeAppender(ChangeLog log) {
    this.log = log;
  }

  /** The change's sequence, or a failed Unavailable carrying {@code change}. */
  Future<Long> append(ChangeRecord record, Object change) {
    return log.append(record).recover(failure -> Future.failedFuture(new RegistryException.Unavailable(
        "the change is stored, but the change log did not take it, so the change feed and event-bus subscribers"
            + " may not hear of it; re-read the " + record.kind().wireName() + " to see its current state",
        new UnloggedChange(change, failure))));
  }
}
