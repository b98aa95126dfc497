package io.sophra.registry.registry;

import io.vertx.core.Future;

/**
 * Records a stored change beside the change log (the audit trail does): the event publishers call it
 * as soon as the store made a change, at the same time as they append the change to the log, and
 * answer once both are done. It never fails: a record it could not keep is its own to report.
 *
 * @param <C> the kind of change: a model {@link Change}, or an alias change
 */
@FunctionalInterface
public interface ChangeRecorder<C> {

  Future<Void> record(Caller caller, C change);
}
