package io.sophra.registry.http;

import static net.logstash.logback.argument.StructuredArguments.keyValue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.config.LogSettings;
import io.sophra.registry.logging.CountingAsyncAppender;
import io.sophra.registry.logging.RequestScope;
import io.sophra.registry.registry.Caller;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of every request: gives it its id ({@link RequestIds}), returns the id in
 * {@code X-Request-Id}, binds it to the request's context so every log line and audit entry written
 * while serving it carries it ({@link RequestScope}), and once the response has ended records it in
 * the request metrics ({@link RequestMetrics}) and writes one line on the {@value #LOGGER} logger:
 * method, route template, status, latency, bytes of body sent, actor (the token's subject, when the
 * request was authenticated), and the request id (from the MDC).
 *
 * <p>The fields are structured arguments: the text format shows them as {@code key=value}, the JSON
 * format as fields of the line's object. {@code conf/logback.xml} queues these lines and drops (and
 * counts, in {@code registry_access_lines_dropped_total}) the ones that find the queue full, so an
 * event loop never waits for standard output. Off with {@code MODEL_REGISTRY_ACCESS_LOG=false};
 * probes ({@code /health/*}, {@code /metrics}) are left out unless
 * {@code MODEL_REGISTRY_ACCESS_LOG_PROBES=true}.
 */
public final class AccessLog {

  public static final String LOGGER = "access";
  static final String DROPPED_METRIC = "registry.access.lines.dropped";
  private static final Logger LINES = LoggerFactory.getLogger(LOGGER);

  private final boolean enabled;
  private final boolean probes;
  private final RequestMetrics metrics;

  public AccessLog(LogSettings settings, MeterRegistry meters) {
    this.enabled = settings.accessLog();
    this.probes = settings.accessLogProbes();
    this.metrics = new RequestMetrics(meters);
    FunctionCounter.builder(DROPPED_METRIC, LOGGER, CountingAsyncAppender::dropped)
        .description("access log lines dropped because the log's queue was full (standard output stalled)")
        .register(meters);
  }

  /** The first step of every request {@code router} serves. */
  Handler<RoutingContext> firstStep(Router router) {
    // the router's routes are all in place by its first request; each router serves on one event loop
    RouteTemplates[] templates = new RouteTemplates[1];
    return ctx -> {
      long start = System.nanoTime();
      HttpServerRequest request = ctx.request();
      identify(request);
      ctx.addEndHandler(ended -> {
        if (templates[0] == null) {
          templates[0] = new RouteTemplates(router);
        }
        String route = templates[0].of(request.method(), request.path());
        ended(request, metrics.route(route, request.method()), ctx.get(Callers.KEY), start, ended.succeeded());
      });
      ctx.next();
    };
  }

  /**
   * The same for a request served without the router ({@link DirectModelGet}), by {@code route}, for
   * {@code caller}: called before anything else is done for it.
   */
  void served(HttpServerRequest request, RequestMetrics.Route route, Caller caller) {
    long start = System.nanoTime();
    identify(request);
    HttpServerResponse response = request.response();
    boolean[] ended = new boolean[1];
    response.endHandler(done -> {
      ended[0] = true;
      ended(request, route, caller, start, true);
    });
    response.closeHandler(closed -> {
      if (!ended[0]) {
        ended[0] = true;
        ended(request, route, caller, start, false);
      }
    });
  }

  /** The timers of {@code method} requests of {@code route}, for {@link #served}. */
  RequestMetrics.Route route(String route, HttpMethod method) {
    return metrics.route(route, method);
  }

  private void ended(HttpServerRequest request, RequestMetrics.Route route, Caller caller, long start,
      boolean completed) {
    route.record(request.response().getStatusCode(), start);
    // with the logger below INFO (as in the benchmarks) there is no line to prepare
    if (logs(request)) {
      write(request, route.template(), caller, start, completed);
    }
  }

  /** Gives {@code request} its id, in its response's header and its context. */
  private static void identify(HttpServerRequest request) {
    String id = RequestIds.accept(request.getHeader(RequestIds.HEADER_NAME));
    RequestScope.enter(Vertx.currentContext(), id);
    request.response().putHeader(RequestIds.HEADER_NAME, id);
  }

  private boolean logs(HttpServerRequest request) {
    return enabled && LINES.isInfoEnabled() && (probes || !isProbe(request.path()));
  }

  private static boolean isProbe(String path) {
    return path != null && (path.startsWith("/health/") || path.equals("/metrics"));
  }

  private static void write(HttpServerRequest request, String route, Caller caller, long start, boolean completed) {
    HttpServerResponse response = request.response();
    double latencyMs = Math.round((System.nanoTime() - start) / 1_000.0) / 1_000.0;
    Object[] fields = {
        keyValue("method", request.method().name()),
        keyValue("route", route),
        keyValue("status", response.getStatusCode()),
        keyValue("latencyMs", latencyMs),
        keyValue("bytes", response.bytesWritten()),
        keyValue("actor", caller == null ? "-" : caller.subject()),
        keyValue("completed", completed)};
    LINES.info("{} {} {} {} {} {} {}", fields);
  }
}
