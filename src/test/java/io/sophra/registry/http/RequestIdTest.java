package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Every request has an X-Request-Id: in its response, its log lines, its access line and its audit entry")
class RequestIdTest extends ApiTestBase {

  private static final String UUID_FORM = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Test
  @DisplayName("A well-formed id from the client is returned as sent, on successes and on problems alike")
  void clientIdReturned() {
    String id = "client:req_1.a-" + "x".repeat(100);
    assertThat(http.get("/v1/models", "X-Request-Id", id).header("X-Request-Id")).isEqualTo(id);
    assertThat(http.get("/v1/models/none-such", "X-Request-Id", id).header("X-Request-Id")).isEqualTo(id);
    assertThat(new io.sophra.registry.support.Http(io.sophra.registry.support.TestNodes.url(node)).get("/v1/models", "X-Request-Id", id)
        .header("X-Request-Id")).isEqualTo(id);
    assertThat(http.get("/health/live", "X-Request-Id", id).header("X-Request-Id")).isEqualTo(id);
  }

  @Test
  @DisplayName("Without an id the server makes a new random UUID for each request")
  void generated() {
    String first = http.get("/v1/models").header("X-Request-Id");
    String second = http.get("/v1/models").header("X-Request-Id");
    assertThat(first).matches(UUID_FORM);
    assertThat(second).matches(UUID_FORM).isNotEqualTo(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "<script>", "quote\"d", "semi;colon", "slash/ed", "ünïcode", ""})
  @DisplayName("A malformed id is replaced, never echoed")
  void malformedReplaced(String sent) {
    Reply reply = http.get("/v1/models", "X-Request-Id", sent);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("X-Request-Id")).matches(UUID_FORM);
  }

  @Test
  @DisplayName("An id of 129 characters is too long and replaced; 128 is kept")
  void length() {
    assertThat(http.get("/v1/models", "X-Request-Id", "a".repeat(129)).header("X-Request-Id")).matches(UUID_FORM);
    assertThat(http.get("/v1/models", "X-Request-Id", "a".repeat(128)).header("X-Request-Id"))
        .isEqualTo("a".repeat(128));
  }

  @Test
  @DisplayName("The audit line, written after the grid stored the entry, carries the id in its MDC, and the entry has it")
  void auditEntryAndLineAfterGridCall() {
    String modelId = newId("traced");
    String requestId = "trace-" + modelId;
    try (LogCapture audit = LogCapture.audit()) {
      Reply reply = http.post("/v1/models", body(modelId).encode(), "X-Request-Id", requestId);
      assertThat(reply.status()).isEqualTo(201);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> successLine(audit, modelId) != null);
      ILoggingEvent line = successLine(audit, modelId);
      assertThat(line.getMDCPropertyMap()).containsEntry("requestId", requestId);
      // the append's answer came from the grid: the line is written on the request's event loop after the hop
      assertThat(line.getThreadName()).startsWith("vert.x-eventloop");
      assertThat(new JsonObject(line.getFormattedMessage()).getString("requestId")).isEqualTo(requestId);
    }
    JsonObject entry = http.get("/v1/models/" + modelId + "/history").json().getJsonArray("items").getJsonObject(0);
    assertThat(entry.getString("requestId")).isEqualTo(requestId);
  }

  @Test
  @DisplayName("One access line per request: method, route template, status, latency, bytes, actor, completed, and the id in the MDC")
  void accessLine() {
    String modelId = newId("accessed");
    register(modelId);
    try (LogCapture access = LogCapture.of(AccessLog.LOGGER)) {
      Reply reply = http.get("/v1/models/" + modelId, "X-Request-Id", "access-" + modelId);
      Reply missing = http.get("/v1/models/nothing-" + modelId, "X-Request-Id", "missing-" + modelId);
      Reply anonymous = new io.sophra.registry.support.Http(io.sophra.registry.support.TestNodes.url(node))
          .get("/v1/models/" + modelId, "X-Request-Id", "anonymous-" + modelId);
      assertThat(anonymous.status()).isEqualTo(401);

      Map<String, String> found = fields(awaitLine(access, "access-" + modelId));
      assertThat(found).containsEntry("method", "GET").containsEntry("route", "/v1/models/:id")
          .containsEntry("status", "200").containsEntry("actor", "test-admin").containsEntry("completed", "true")
          .containsEntry("bytes", String.valueOf(reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
      assertThat(Double.parseDouble(found.get("latencyMs"))).isPositive();
      assertThat(found.values()).noneMatch(value -> value.contains(modelId));

      Map<String, String> notFound = fields(awaitLine(access, "missing-" + modelId));
      assertThat(notFound).containsEntry("route", "/v1/models/:id").containsEntry("status", "404")
          .containsEntry("bytes", String.valueOf(missing.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
      assertThat(fields(awaitLine(access, "anonymous-" + modelId))).containsEntry("route", "/v1/models/:id")
          .containsEntry("status", "401").containsEntry("actor", "-");
    }
  }

  @Test
  @DisplayName("Routes are logged by template, unknown paths as 'unmatched', and probes not at all by default")
  void templatesAndProbes() {
    try (LogCapture access = LogCapture.of(AccessLog.LOGGER)) {
      http.post("/v1/models/_batchGet", "{\"ids\":[\"a\"]}", "X-Request-Id", "batch-templates");
      http.get("/no/such/path/at-all", "X-Request-Id", "unmatched-templates");
      http.delete("/v1/models", "X-Request-Id", "wrong-method-templates");
      http.get("/health/live", "X-Request-Id", "probe-live");
      http.get("/health/ready", "X-Request-Id", "probe-ready");
      http.get("/metrics", "X-Request-Id", "probe-metrics");
      http.get("/openapi.yaml", "X-Request-Id", "document-templates");
      assertThat(fields(awaitLine(access, "batch-templates"))).containsEntry("route", "/v1/models/_batchGet");
      assertThat(fields(awaitLine(access, "unmatched-templates"))).containsEntry("route", "unmatched")
          .containsEntry("status", "404");
      assertThat(fields(awaitLine(access, "wrong-method-templates"))).containsEntry("route", "/v1/models");
      assertThat(fields(awaitLine(access, "document-templates"))).containsEntry("route", "/openapi.yaml");
      assertThat(access.events()).extracting(event -> event.getMDCPropertyMap().get("requestId"))
          .doesNotContain("probe-live", "probe-ready", "probe-metrics");
    }
  }

  private static ILoggingEvent successLine(LogCapture audit, String modelId) {
    return audit.events().stream().filter(event -> event.getLoggerName().equals("audit"))
        .filter(event -> event.getFormattedMessage().contains("\"" + modelId + "\"")).findFirst().orElse(null);
  }

  static ILoggingEvent awaitLine(LogCapture access, String requestId) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> line(access, requestId) != null);
    ILoggingEvent line = line(access, requestId);
    assertThat(access.events().stream().filter(event -> requestId.equals(event.getMDCPropertyMap().get("requestId"))))
        .as("one access line per request").hasSize(1);
    return line;
  }

  private static ILoggingEvent line(LogCapture access, String requestId) {
    return access.events().stream().filter(event -> requestId.equals(event.getMDCPropertyMap().get("requestId")))
        .findFirst().orElse(null);
  }

  /** The line's structured arguments, each {@code key=value}. */
  static Map<String, String> fields(ILoggingEvent line) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<Object> arguments = Arrays.asList(line.getArgumentArray());
    for (Object argument : arguments) {
      String[] pair = argument.toString().split("=", 2);
      fields.put(pair[0], pair[1]);
    }
    return fields;
  }
}
