package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.config.LogSettings;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The access log's settings, on a router with the real first step and real HTTP over a socket. */
@DisplayName("The access log can be switched off, and probes switched on")
class AccessLogSwitchTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Futures.await(vertx.close());
  }

  @Test
  @DisplayName("MODEL_REGISTRY_ACCESS_LOG=false writes no line, yet every response still carries its X-Request-Id")
  void off() {
    Http http = serve(new LogSettings(LogSettings.Format.TEXT, false, true));
    try (LogCapture access = LogCapture.of(AccessLog.LOGGER)) {
      assertThat(http.get("/v1/thing", "X-Request-Id", "off-1").header("X-Request-Id")).isEqualTo("off-1");
      assertThat(http.get("/health/live").status()).isEqualTo(200);
      sleepBriefly();
      assertThat(access.events()).isEmpty();
    }
  }

  @Test
  @DisplayName("MODEL_REGISTRY_ACCESS_LOG_PROBES=true logs /health/* and /metrics like any route")
  void probesOn() {
    Http http = serve(new LogSettings(LogSettings.Format.TEXT, true, true));
    try (LogCapture access = LogCapture.of(AccessLog.LOGGER)) {
      http.get("/health/live", "X-Request-Id", "probe-on-live");
      http.get("/metrics", "X-Request-Id", "probe-on-metrics");
      http.get("/v1/thing", "X-Request-Id", "probe-on-route");
      assertThat(RequestIdTest.fields(RequestIdTest.awaitLine(access, "probe-on-live")))
          .containsEntry("route", "/health/live");
      assertThat(RequestIdTest.fields(RequestIdTest.awaitLine(access, "probe-on-metrics")))
          .containsEntry("route", "/metrics");
      assertThat(RequestIdTest.fields(RequestIdTest.awaitLine(access, "probe-on-route")))
          .containsEntry("route", "/v1/thing").containsEntry("bytes", "5");
    }
  }

  @Test
  @DisplayName("By default probes get no line, other routes do")
  void probesOffByDefault() {
    Http http = serve(new LogSettings(LogSettings.Format.TEXT, true, false));
    try (LogCapture access = LogCapture.of(AccessLog.LOGGER)) {
      http.get("/health/live", "X-Request-Id", "default-live");
      http.get("/v1/thing", "X-Request-Id", "default-route");
      RequestIdTest.awaitLine(access, "default-route");
      assertThat(access.events()).extracting(event -> event.getMDCPropertyMap().get("requestId"))
          .containsExactly("default-route");
    }
  }

  private Http serve(LogSettings settings) {
    Router router = Router.router(vertx);
    router.route().handler(new AccessLog(settings, new SimpleMeterRegistry()).firstStep(router));
    router.get("/health/live").handler(ctx -> ctx.end("live"));
    router.get("/metrics").handler(ctx -> ctx.end("# none"));
    router.get("/v1/thing").handler(ctx -> ctx.end("thing"));
    int port = Ports.free();
    HttpServer server = Futures.await(vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1"));
    assertThat(server.actualPort()).isEqualTo(port);
    return new Http("http://127.0.0.1:" + port);
  }

  private static void sleepBriefly() {
    Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
  }
}
