package io.sophra.registry;

import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.config.FeedSettings;
import io.sophra.registry.events.ChangeLog;
import io.sophra.registry.events.ChangeReads;
import io.sophra.registry.events.ChangeTail;
import io.sophra.registry.http.FeedStreams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The readers of a node's change log, started once the grid is open: the one tail reader, the
 * event-bus catch-up service ({@code changes.read}) and the {@code GET /v1/events} streams fed by
 * the tail. The writers are the publishing decorators, wired in {@link RegistryNode}.
 */
record ChangeFeed(ChangeTail tail, FeedStreams streams) {

  static Future<ChangeFeed> start(Vertx vertx, ChangeLog log, FeedSettings settings, MeterRegistry meters) {
    ChangeTail tail = new ChangeTail(vertx, log);
    return ChangeReads.serve(vertx, log).map(serving -> new ChangeFeed(tail, new FeedStreams(log, tail, settings,
        meters)));
  }

  void stop() {
    tail.stop();
  }
}
