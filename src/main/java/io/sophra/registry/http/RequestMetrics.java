package io.sophra.registry.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The API's request metrics: one timer {@value #NAME} (Prometheus {@code registry_http_requests_seconds_count},
 * {@code _sum}, {@code _max}) per route template, method and status, so a dashboard sees each operation's
 * rate, errors and latency by the route it was served by, never by raw paths.
 *
 * <p>Design note. These replace Vert.x's own HTTP server metrics, which {@code RegistryNode} switches
 * off: those resolve five meters from tags on every request (a gauge, a counter, a timer, two
 * summaries), about a sixth of the event loop's time per lookup in {@code HttpGetBenchmark}. Here a
 * route's timers are resolved once per status and kept, so recording a request is an array read and
 * {@link Timer#record}.
 */
final class RequestMetrics {

  static final String NAME = "registry.http.requests";
  private static final int LOWEST_STATUS = 100;
  private static final int STATUSES = 500;

  /** The methods counted under their own name; any other (a client may send any token) is {@value #OTHER}. */
  private static final Set<HttpMethod> NAMED_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
      HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.CONNECT);
  static final String OTHER = "OTHER";

  private record RouteKey(String route, String method) {
  }

  private final MeterRegistry meters;
  private final ConcurrentMap<RouteKey, Route> routes = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /**
   * The timers of {@code method} requests served by the route {@code route} (a template, never a raw
   * path). Both labels come from bounded sets, so no client can grow the number of series.
   */
  Route route(String route, HttpMethod method) {
    String label = NAMED_METHODS.contains(method) ? method.name() : OTHER;
    return routes.computeIfAbsent(new RouteKey(route, label), key -> new Route(key));
  }

  /** One route's timers, by status. */
  final class Route {
    private final RouteKey key;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(STATUSES);

    private Route(RouteKey key) {
      this.key = key;
    }

    String template() {
      return key.route();
    }

    /** Records a request answered with {@code status} that began at {@code startNanos} ({@link System#nanoTime}). */
    void record(int status, long startNanos) {
      long nanos = System.nanoTime() - startNanos;
      int slot = status - LOWEST_STATUS;
      if (slot < 0 || slot >= STATUSES) {
        timer(status).record(nanos, TimeUnit.NANOSECONDS);
        return;
      }
      Timer timer = byStatus.get(slot);
      if (timer == null) {
        timer = timer(status);
        byStatus.set(slot, timer);
      }
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(int status) {
      return Timer.builder(NAME)
          .description("API requests by route template, method and status (time to the response's end)")
          .tag("route", key.route()).tag("method", key.method()).tag("status", Integer.toString(status))
          .register(meters);
    }
  }
}
