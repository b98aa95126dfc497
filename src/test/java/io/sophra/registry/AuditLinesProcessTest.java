package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http;
import io.sophra.registry.support.Ports;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registry process with the shipped {@code conf/logback.xml}, whose standard output the test stops
 * reading (a log shipper that stalls): the pipe fills, the audit appenders' queues fill, and a flood
 * of 401s goes on while writers make successful changes. When reading resumes every success line must
 * be there, and every 401 line not written must be counted in {@code registry_audit_lines_dropped_total}.
 */
@DisplayName("A flood of 401s against a stalled log never costs a success line, and every dropped line is counted")
class AuditLinesProcessTest {

  private static final int FLOOD_BEFORE = 9_000;
  private static final int ROUNDS = 30;
  private static final int FLOOD_PER_ROUND = 100;

  /** Reads the process's output into {@link #lines} unless paused (then the pipe fills after one more line). */
  private static final class Output implements Runnable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile boolean paused;
    private final BufferedReader reader;

    Output(Process process) {
      reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public void run() {
      try {
        String line;
        while (true) {
          while (paused) {
            Thread.sleep(10);
          }
          line = reader.readLine();
          if (line == null) {
            return;
          }
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    List<JsonObject> auditLines(String outcome) {
      return lines.stream().filter(line -> line.startsWith("{")).map(JsonObject::new)
          .filter(line -> outcome.equals(line.getString("outcome"))).toList();
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @DisplayName("12,000 401s with 30 registrations among them: 30 success lines, and 401 lines written + dropped = 401s counted")
  void floodNeverCostsSuccessLines() throws Exception {
    int httpPort = Ports.free();
    int clusterPort = Ports.free();
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=" + Path.of("conf", "logback.xml").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("MODEL_REGISTRY_"));
    builder.environment().putAll(TestTokens.SETTINGS);
    builder.environment().put("MODEL_REGISTRY_CLUSTER_NAME", "lines-" + UUID.randomUUID());
    builder.environment().put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
    builder.environment().put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(httpPort));
    builder.environment().put("MODEL_REGISTRY_HTTP_INSTANCES", "1");
    builder.environment().put("MODEL_REGISTRY_EVENTBUS_PORT", "0");
    builder.environment().put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(clusterPort));
    builder.environment().put("MODEL_REGISTRY_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    builder.environment().put("MODEL_REGISTRY_DATA_DIR", Path.of("target", "lines-" + UUID.randomUUID()).toString());
    // high enough that the appender's queue, not only the rate limit, drops lines here
    builder.environment().put("MODEL_REGISTRY_AUDIT_REFUSED_LINES", "2000");
    Process process = builder.start();
    Output output = new Output(process);
    Thread reader = new Thread(output, "registry-output");
    reader.setDaemon(true);
    reader.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> output.lines.stream().anyMatch(line -> line.contains("Model Registry ready")));
      String url = "http://127.0.0.1:" + httpPort;
      Http anonymous = new Http(url);
      Http admin = anonymous.withHeader("Authorization", "Bearer " + TestTokens.admin());
      String longPath = "/v1/models/" + "x".repeat(120);

      output.paused = true;
      flood(anonymous, longPath, FLOOD_BEFORE);
      List<String> registered = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        flood(anonymous, longPath, FLOOD_PER_ROUND);
        String id = "logged-" + round + "-" + UUID.randomUUID();
        assertThat(admin.post("/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
            .isEqualTo(201);
        registered.add(id);
      }
      output.paused = false;

      int unauthorized = FLOOD_BEFORE + ROUNDS * FLOOD_PER_ROUND;
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(output.auditLines("success")).extracting(line -> line.getString("modelId"))
              .containsExactlyElementsOf(registered));
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        String metrics = anonymous.get("/metrics").body();
        assertThat(metric(metrics, "registry_refusals_total\\{reason=\"unauthenticated\"}")).isEqualTo(unauthorized);
        double dropped = metric(metrics, "registry_audit_lines_dropped_total\\{cause=\"queue_full\",reason=\"unauthenticated\"}")
            + metric(metrics, "registry_audit_lines_dropped_total\\{cause=\"rate_limit\",reason=\"unauthenticated\"}");
        assertThat(dropped).as("dropped 401 lines").isPositive();
        assertThat(output.auditLines("refused").size() + dropped).isEqualTo(unauthorized);
      });
      String metrics = anonymous.get("/metrics").body();
      System.out.printf("401s %d: lines written %d, dropped at the queue %.0f, over the rate %.0f%n", unauthorized,
          output.auditLines("refused").size(),
          metric(metrics, "registry_audit_lines_dropped_total\\{cause=\"queue_full\",reason=\"unauthenticated\"}"),
          metric(metrics, "registry_audit_lines_dropped_total\\{cause=\"rate_limit\",reason=\"unauthenticated\"}"));
    } finally {
      output.paused = false;
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static void flood(Http anonymous, String path, int requests) {
    for (int i = 0; i < requests; i++) {
      assertThat(anonymous.get(path).status()).isEqualTo(401);
    }
  }

  private static double metric(String metrics, String series) {
    Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }
}
