package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http;
import io.sophra.registry.support.Ports;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A registry process with the shipped {@code conf/logback.xml} in the JSON format, selected by the
 * variable or by {@code config.json}: every line of its standard and error output is one JSON object
 * (logback's own status lines included, had it printed any), the access line has its fields, and the
 * access and audit lines of a request carry the id the client sent.
 */
@DisplayName("MODEL_REGISTRY_LOG_FORMAT=json: every line a process writes is one JSON object")
class LogFormatProcessTest {

  @ParameterizedTest(name = "selected by {0}")
  @ValueSource(strings = {"variable", "config.json"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @DisplayName("Start-up, access, audit and shutdown lines all parse as JSON, with the request id")
  void everyLineIsJson(String selectedBy) throws Exception {
    int httpPort = Ports.free();
    int clusterPort = Ports.free();
    Path work = Files.createDirectories(Path.of("target", "log-format-" + UUID.randomUUID()).toAbsolutePath());
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dlogback.configurationFile=" + Path.of("conf", "logback.xml").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()).redirectErrorStream(true)
        .redirectOutput(work.resolve("out.log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("MODEL_REGISTRY_"));
    env.putAll(TestTokens.SETTINGS);
    env.put("MODEL_REGISTRY_CLUSTER_NAME", "log-format-" + UUID.randomUUID());
    env.put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
    env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(httpPort));
    env.put("MODEL_REGISTRY_HTTP_INSTANCES", "1");
    env.put("MODEL_REGISTRY_EVENTBUS_PORT", "0");
    env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("MODEL_REGISTRY_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    env.put("MODEL_REGISTRY_DATA_DIR", work.resolve("data").toString());
    env.put("MODEL_REGISTRY_DRAIN_DELAY", "0");
    if (selectedBy.equals("variable")) {
      env.put("MODEL_REGISTRY_LOG_FORMAT", "json");
    } else {
      Path conf = Files.createDirectories(work.resolve("conf"));
      Files.writeString(conf.resolve("config.json"), "{\"logging\": {\"format\": \"json\"}}");
      Files.copy(Path.of("conf", "cluster.xml"), conf.resolve("cluster.xml"));
      env.put("MODEL_REGISTRY_CONF_DIR", conf.toString());
    }
    Process process = builder.start();
    Path output = work.resolve("out.log");
    try {
      Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> Files.readString(output).contains("Model Registry ready"));
      Http admin = new Http("http://127.0.0.1:" + httpPort).withHeader("Authorization", "Bearer " + TestTokens.admin());
      String id = "logged-" + UUID.randomUUID();
      assertThat(admin.post("/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}",
          "X-Request-Id", "register-" + id).status()).isEqualTo(201);
      assertThat(admin.get("/v1/models/" + id, "X-Request-Id", "read-" + id).status()).isEqualTo(200);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).contains("read-" + id));
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(output).stream().filter(line -> !line.isBlank()).toList();

    List<JsonObject> objects = new ArrayList<>();
    for (String line : lines) {
      try {
        objects.add(new JsonObject(line));
      } catch (DecodeException e) {
        throw new AssertionError("not one JSON object: " + line, e);
      }
    }
    assertThat(objects).anySatisfy(line -> {
      assertThat(line.getString("message")).startsWith("Model Registry ready");
      assertThat(line.getString("level")).isEqualTo("INFO");
      assertThat(line.getString("@timestamp")).isNotBlank();
      assertThat(line.getString("logger_name")).isEqualTo(Main.class.getName());
    });
    assertThat(objects).anySatisfy(line -> assertThat(line.getString("message")).startsWith("Shutting down"));
    assertThat(objects).filteredOn(line -> "access".equals(line.getString("logger_name")))
        .filteredOn(line -> line.getString("requestId", "").startsWith("read-"))
        .singleElement().satisfies(line -> {
          assertThat(line.getString("method")).isEqualTo("GET");
          assertThat(line.getString("route")).isEqualTo("/v1/models/:id");
          assertThat(line.getInteger("status")).isEqualTo(200);
          assertThat(line.getDouble("latencyMs")).isPositive();
          assertThat(line.getLong("bytes")).isPositive();
          assertThat(line.getString("actor")).isEqualTo("test-admin");
        });
    assertThat(objects).filteredOn(line -> "success".equals(line.getString("outcome")))
        .singleElement().satisfies(line -> assertThat(line.getString("requestId")).startsWith("register-"));
  }
}
