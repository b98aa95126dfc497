package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpMethod;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Request metrics: one timer per route template, method and status, from bounded sets only")
class RequestMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RequestMetrics metrics = new RequestMetrics(meters);

  @Test
  @DisplayName("Each request is counted under its route, method and status")
  void counts() {
    long start = System.nanoTime();
    metrics.route("/v1/models/:id", HttpMethod.GET).record(200, start);
    metrics.route("/v1/models/:id", HttpMethod.GET).record(200, start);
    metrics.route("/v1/models/:id", HttpMethod.GET).record(404, start);
    metrics.route("/v1/models/:id", HttpMethod.PATCH).record(200, start);
    assertThat(count("/v1/models/:id", "GET", "200")).isEqualTo(2);
    assertThat(count("/v1/models/:id", "GET", "404")).isEqualTo(1);
    assertThat(count("/v1/models/:id", "PATCH", "200")).isEqualTo(1);
  }

  @Test
  @DisplayName("Methods a client makes up share one series, so they cannot grow the number of timers")
  void inventedMethods() {
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      metrics.route(RouteTemplates.UNMATCHED, HttpMethod.valueOf("FOO" + i)).record(405, start);
    }
    Set<String> methods = meters.find(RequestMetrics.NAME).timers().stream()
        .map(timer -> timer.getId().getTag("method")).collect(Collectors.toSet());
    assertThat(methods).containsExactly(RequestMetrics.OTHER);
    assertThat(count(RouteTemplates.UNMATCHED, RequestMetrics.OTHER, "405")).isEqualTo(50);
  }

  private long count(String route, String method, String status) {
    Timer timer = meters.find(RequestMetrics.NAME).tags("route", route, "method", method, "status", status).timer();
    return timer == null ? 0 : timer.count();
  }
}
