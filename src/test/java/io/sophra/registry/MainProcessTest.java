package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Ports;
import io.sophra.registry.support.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts {@link Main} as a real JVM process, as an operator would, and reads its output and exit code. */
@DisplayName("The registry process starts, fails and stops as an operator expects")
class MainProcessTest {

  @TempDir
  Path workDir;

  private Process start(Map<String, String> settings, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(workDir.resolve("out.log").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("MODEL_REGISTRY_"));
    builder.environment().putAll(TestTokens.SETTINGS);
    builder.environment().put("MODEL_REGISTRY_CLUSTER_NAME", "main-" + UUID.randomUUID());
    builder.environment().put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
    builder.environment().put("MODEL_REGISTRY_EVENTBUS_PORT", "0");
    int clusterPort = Ports.free();
    builder.environment().put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(clusterPort));
    builder.environment().put("MODEL_REGISTRY_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
    builder.environment().putAll(settings);
    return builder.start();
  }

  private String output() throws IOException {
    return Files.readString(workDir.resolve("out.log"));
  }

  @Test
  @DisplayName("An invalid setting stops start-up with one line naming it and exit status 1")
  void invalidSetting() throws Exception {
    Process process = start(Map.of("MODEL_REGISTRY_HTTP_PORT", "eighty"));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    List<String> errorLines = output().lines().filter(line -> line.startsWith("model-registry:")).toList();
    assertThat(errorLines).containsExactly("model-registry: configuration error: MODEL_REGISTRY_HTTP_PORT"
        + " (config.json \"http.port\"): must be a whole number from 0 to 65535, but was 'eighty'");
    assertThat(output()).doesNotContain("\tat ");
  }

  @Test
  @DisplayName("subscribe --after takes a sequence; anything else is one usage line and exit status 1")
  void subscribeUsage() throws Exception {
    Process process = start(Map.of(), "subscribe", "--after", "yesterday");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(output().lines().filter(line -> line.startsWith("model-registry subscribe:")).toList())
        .containsExactly("model-registry subscribe: usage: subscribe [--after SEQUENCE] (a whole number, 0 for every"
            + " retained change)");
  }

  @Test
  @DisplayName("A cluster that cannot start (host 0.0.0.0 matches no interface) stops start-up with one line naming"
      + " the setting, exit status 1 and no stack trace")
  void clusterThatCannotStart() throws Exception {
    Process process = start(Map.of("MODEL_REGISTRY_CLUSTER_HOST", "0.0.0.0"));
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    List<String> errorLines = output().lines().filter(line -> line.startsWith("model-registry:")).toList();
    assertThat(errorLines).singleElement().asString()
        .startsWith("model-registry: start-up failed: configuration error: MODEL_REGISTRY_CLUSTER_HOST (config.json"
            + " \"cluster.host\")")
        .contains("'0.0.0.0'");
    assertThat(output()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("ERROR");
  }

  @Test
  @DisplayName("A taken HTTP port fails start-up with exit status 1 instead of running without its API")
  void portClash() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Process process = start(Map.of("MODEL_REGISTRY_HTTP_PORT", String.valueOf(taken.getLocalPort())));
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(output()).contains("model-registry: start-up failed").contains("ddress already in use");
    }
  }

  @Test
  @DisplayName("Once ready it prints its URL and members; SIGTERM leaves the cluster and ends the process")
  void readyThenSigterm() throws Exception {
    int httpPort = Ports.free();
    Process process = start(Map.of("MODEL_REGISTRY_HTTP_PORT", String.valueOf(httpPort)));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!output().contains("Model Registry ready") && System.nanoTime() < deadline && process.isAlive()) {
        Thread.sleep(200);
      }
      assertThat(output()).contains("Model Registry ready on http://127.0.0.1:" + httpPort).contains("members: [127.0.0.1]:");
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(output()).contains("Shutting down: leaving the cluster").doesNotContain("did not finish cleanly");
    } finally {
      process.destroyForcibly();
    }
  }
}
