package io.sophra.registry.events;

import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Appends a stored change to the {@link ChangeLog} for the two publishers while the change is recorded
 * (the audit), and answers once both are done. The two are independent grid writes, so neither waits
 * for the other: a change costs the store's write and then the slower of the two, not the sum. When
 * the log does not take the change, the write still stands (the store accepted it, and it is
 * recorded), so the failure is a 503 that says so.
 */
final class ChangeAppender {

  private final ChangeLog log;

  ChangeAppender(ChangeLog log) {
    this.log = log;
  }

  /**
   * The change's sequence once {@code record} is in the log and the recording is done, or a failed
   * Unavailable. The append is sent first; {@code recording} starts right after it (building the
   * audit entry on the event loop while the append travels).
   */
  Future<Long> append(ChangeRecord record, Supplier<Future<Void>> recording) {
    Future<Long> appended = log.append(record);
    Future<Void> recorded = recording.get();
    return Future.join(appended, recorded).transform(both -> appended.succeeded() ? appended
        : Future.failedFuture(new RegistryException.Unavailable("the change is stored, but the change log did not"
            + " take it, so the change feed and event-bus subscribers may not hear of it; re-read the "
            + record.kind().wireName() + " to see its current state", appended.cause())));
  }
}
