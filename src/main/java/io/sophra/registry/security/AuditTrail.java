package io.sophra.registry.security;

import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.background.AfterAnswer;
import io.sophra.registry.logging.RequestScope;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ChangeRecorder;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a successful change: an entry in the {@link AuditLog}, then the same entry as one JSON
 * line on the {@code audit} logger (successes only: refusals have loggers of their own, see
 * {@link Refusals}, so a flood of refusals never shares a queue with these lines). The entry is
 * stored before the change's answer; its line is written right after it ({@link AfterAnswer}). The
 * change has happened already, so a failed append does not fail the caller's request: the line is
 * still written, with {@code "stored": false} and no id, and a warning says the grid missed it.
 *
 * <p>The event publishers call its recorders ({@link ChangeRecorder}) as soon as the store made a
 * change, at the same time as they append it to the change log: the two grid writes run side by
 * side, so an entry does not know the change's sequence and leaves it empty. An entry and its change
 * in the feed share the model's (or alias's) id, uid and revision, and the kind of change (a deletion
 * carries the last revision, like the change before it).
 */
public final class AuditTrail {

  /** The logger of successful changes; {@code conf/logback.xml} gives it an appender that never drops. */
  static final Logger LINES = LoggerFactory.getLogger("audit");
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditLog log;

  private AuditTrail(AuditLog log) {
    this.log = log;
  }

  public static AuditTrail of(AuditLog log) {
    return new AuditTrail(log);
  }

  /** Records a model change made through the API, under its type's action. */
  public ChangeRecorder<Change> modelChanges() {
    return (caller, change) -> record(entry(caller, change, AuditAction.of(change.type())));
  }

  /** Records a model an import created or overwrote, as {@code import}. */
  public ChangeRecorder<Change> imports() {
    return (caller, change) -> record(entry(caller, change, AuditAction.IMPORT));
  }

  /** Records an alias change ({@link AliasAudit}). */
  public ChangeRecorder<AliasChange> aliasChanges() {
    return (caller, change) -> record(AliasAudit.entry(caller, change));
  }

  private Future<Void> record(AuditEntry entry) {
    return log.append(entry)
        .onSuccess(stored -> AfterAnswer.run(() -> LINES.info(AuditJson.successLine(stored, true))))
        .onFailure(failure -> {
          LOG.warn("audit entry for {} of '{}' not stored in the grid: {}", entry.action().wireName(),
              entry.modelId(), failure.toString());
          LINES.info(AuditJson.successLine(entry, false));
        })
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  static AuditEntry entry(Caller caller, Change change, AuditAction action) {
    var latest = change.latest();
    Instant at = (change.after() != null ? change.after().updatedAt() : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
    return new AuditEntry(null, at, caller.subject(), caller.roles().stream().sorted().toList(),
        action, latest.id(), latest.uid(), latest.revision(), AuditDiff.of(change),
        OptionalLong.empty(), RequestScope.currentId().orElse(null));
  }
}
