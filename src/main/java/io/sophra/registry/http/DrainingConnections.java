package io.sophra.registry.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Closes one API verticle's keep-alive connections while the node drains, so that no request is sent
 * on a connection the node is about to close (a balancer re-sends a GET caught that way, but not a
 * POST or PATCH: that client would see a 502).
 *
 * <p>Design note. From the moment shutdown begins ({@link Readiness#drain}) every answer carries
 * {@code Connection: close}: the client (nginx included) closes the connection after reading it and
 * never reuses it, and opens a new one for its next request. A connection idle at two checks in a
 * row ({@value #SWEEP_MILLIS} ms apart) is closed by the node: a balancer reuses its most recently
 * used connections first, so one idle that long is the least likely to carry the next request. At the
 * end of the drain the server stops accepting connections and waits for the answers in flight
 * ({@link ApiVerticle#stop}). Everything here runs on the verticle's event loop, which owns its
 * connections.
 */
final class DrainingConnections {

  static final long SWEEP_MILLIS = 250;

  /** Each open connection and the last request it carried (or itself before the first one). */
  private final Map<HttpConnection, Object> lastRequest = new HashMap<>();
  /** What {@link #lastRequest} held at the previous check, for the connections idle then. */
  private Map<HttpConnection, Object> idleAtLastCheck = Map.of();
  private final Readiness readiness;

  DrainingConnections(Readiness readiness) {
    this.readiness = readiness;
  }

  /** Starts checking for idle connections once shutdown begins (called on the verticle's context). */
  void start(Context context) {
    readiness.onDrain(() -> context.runOnContext(draining -> context.owner().setPeriodic(SWEEP_MILLIS, id -> sweep())));
  }

  void connected(HttpConnection connection) {
    lastRequest.put(connection, connection);
    connection.closeHandler(closed -> lastRequest.remove(connection));
  }

  void request(HttpServerRequest request) {
    lastRequest.put(request.connection(), request);
    if (readiness.draining()) {
      request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
  }

  private void sweep() {
    Map<HttpConnection, Object> idle = new HashMap<>();
    lastRequest.forEach((connection, last) -> {
      if (!(last instanceof HttpServerRequest request) || request.response().ended()) {
        idle.put(connection, last);
      }
    });
    idle.forEach((connection, last) -> {
      if (idleAtLastCheck.get(connection) == last) {
        connection.close();
      }
    });
    idleAtLastCheck = idle;
  }
}
