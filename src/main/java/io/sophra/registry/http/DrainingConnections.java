package io.sophra.registry.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes one API verticle's keep-alive connections while the node drains, so that no request is sent
 * on a connection the node is about to close (a balancer re-sends a GET caught that way, but not a
 * POST or PATCH: that client would see a 502).
 *
 * <p>Design note. From the moment shutdown begins ({@link Readiness#drain}) every answer carries
 * {@code Connection: close}: the client (nginx included) closes the connection after reading it and
 * never reuses it. A connection idle at two checks in a row ({@value #SWEEP_MILLIS} ms apart) is
 * closed by the node: a balancer reuses its most recently used connections first, so one idle that
 * long is the least likely to carry the next request. That leaves the end of the drain, when the
 * server stops listening and closes the connections that carry no request yet: one a balancer has
 * just opened may already have a request on its way. So in the last {@link #quietPhase} of the drain
 * the node answers reads under {@code /v1} with 503 and {@code Retry-After}: a balancer that retries
 * them (nginx re-sends a GET answered 503 to another node) also marks the node down after a few
 * ({@code max_fails}) and sends it nothing more, so no new connection is open when the server stops
 * listening; writes are still served. A balancer that polls {@code /health/ready} stopped sending
 * traffic long before. Everything here runs on the verticle's event loop, which owns its connections.
 */
final class DrainingConnections {

  static final long SWEEP_MILLIS = 250;
  private static final Duration LONGEST_QUIET_PHASE = Duration.ofMillis(500);
  private static final List<HttpMethod> READS = List.of(HttpMethod.GET, HttpMethod.HEAD);

  /** Each open connection and the last request it carried (or itself before the first one). */
  private final Map<HttpConnection, Object> lastRequest = new HashMap<>();
  /** What {@link #lastRequest} held at the previous check, for the connections idle then. */
  private Map<HttpConnection, Object> idleAtLastCheck = Map.of();
  private final Readiness readiness;
  private boolean readsRefused;

  DrainingConnections(Readiness readiness) {
    this.readiness = readiness;
  }

  /** The end of a drain of {@code drainDelay} in which reads are refused: its last 500 ms, or its second half if shorter. */
  static Duration quietPhase(Duration drainDelay) {
    Duration half = drainDelay.dividedBy(2);
    return half.compareTo(LONGEST_QUIET_PHASE) < 0 ? half : LONGEST_QUIET_PHASE;
  }

  /** Starts the drain's checks when shutdown begins (registered from the verticle's context). */
  void start(Context context, Duration drainDelay) {
    long quietFrom = drainDelay.minus(quietPhase(drainDelay)).toMillis();
    readiness.onDrain(() -> context.runOnContext(draining -> {
      context.owner().setPeriodic(SWEEP_MILLIS, id -> sweep());
      context.owner().setTimer(Math.max(1, quietFrom), id -> readsRefused = true);
    }));
  }

  void connected(HttpConnection connection) {
    lastRequest.put(connection, connection);
  }

  void closed(HttpConnection connection) {
    lastRequest.remove(connection);
  }

  /** Notes {@code request}; answers false when it answered the request itself (a read at the end of a drain). */
  boolean admit(HttpServerRequest request) {
    lastRequest.put(request.connection(), request);
    if (!readiness.draining()) {
      return true;
    }
    request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    if (readsRefused && READS.contains(request.method()) && request.path().startsWith("/v1/")) {
      Problems.render(request.response(), new HttpProblem(ProblemType.UNAVAILABLE, "this node is shutting down"
          + " and no longer answers reads; retry through another node", List.of(), Map.of("Retry-After", "1")),
          request.path());
      return false;
    }
    return true;
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
