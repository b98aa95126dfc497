package io.sophra.registry.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the HTTP connections one node holds open at once ({@code MODEL_REGISTRY_HTTP_MAX_CONNECTIONS}),
 * across all its API verticle instances: a connection past the cap is closed as soon as it is
 * accepted, before any request on it is read, and counted in
 * {@code registry_http_connections_refused_total}. Idle connections are closed by the server's idle
 * timeout, so a client that opens connections and sends nothing cannot hold the cap for long.
 */
public final class ConnectionLimit {

  public static final String REFUSED_METRIC = "registry.http.connections.refused";

  private final AtomicInteger open = new AtomicInteger();
  private final int max;
  private final Counter refused;

  public ConnectionLimit(int max, MeterRegistry meters) {
    this.max = max;
    this.refused = Counter.builder(REFUSED_METRIC)
        .description("HTTP connections closed on arrival because the node held its maximum already")
        .register(meters);
  }

  /** Counts a new connection; closes it at once (and counts the refusal) when the node holds its maximum. */
  boolean admit(HttpConnection connection) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.increment();
      connection.close();
      return false;
    }
    return true;
  }

  /** An admitted connection closed. */
  void closed() {
    open.decrementAndGet();
  }
}
