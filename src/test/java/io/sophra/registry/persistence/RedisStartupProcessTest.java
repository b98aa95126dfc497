package io.sophra.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real entry point, {@code io.sophra.registry.Main}, as a separate JVM on this build's
 * classpath (no packaging step needed), and reads its exit status and output.
 */
@DisplayName("The registry process stops at once with status 1 and one line when Redis cannot be used")
class RedisStartupProcessTest {

  @TempDir
  Path output;

  private record Exit(int status, List<String> stderr, String stdout) {
  }

  private Exit run(String redisUrl) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.sophra.registry.Main")
        .redirectOutput(output.resolve("stdout").toFile())
        .redirectError(output.resolve("stderr").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("MODEL_REGISTRY_"));
    env.put("MODEL_REGISTRY_PERSISTENCE", "redis");
    env.put("MODEL_REGISTRY_REDIS_URL", redisUrl);
    env.put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
    env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(Ports.free()));
    env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(Ports.free()));
    Process process = builder.start();
    try {
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the process exited by itself").isTrue();
      return new Exit(process.exitValue(),
          Files.readAllLines(output.resolve("stderr"), StandardCharsets.UTF_8),
          Files.readString(output.resolve("stdout"), StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  @DisplayName("Redis down: exit status 1, one line on stderr naming MODEL_REGISTRY_REDIS_URL, no stack trace")
  void redisDown() throws Exception {
    int nothingThere = Ports.free();

    Exit exit = run("redis://127.0.0.1:" + nothingThere);

    assertThat(exit.status()).isEqualTo(1);
    assertThat(exit.stderr()).hasSize(1);
    assertThat(exit.stderr().get(0)).startsWith("model-registry: start-up failed: configuration error: "
        + "MODEL_REGISTRY_REDIS_URL").contains("127.0.0.1:" + nothingThere);
    assertThat(exit.stdout()).doesNotContain("\tat ");
  }

  @Test
  @DisplayName("A bad URL: exit status 1, one line on stderr naming MODEL_REGISTRY_REDIS_URL and the expected form")
  void badUrl() throws Exception {
    Exit exit = run("http://:hunter2@localhost:6379");

    assertThat(exit.status()).isEqualTo(1);
    assertThat(exit.stderr()).hasSize(1);
    assertThat(exit.stderr().get(0)).startsWith("model-registry: start-up failed: configuration error: "
        + "MODEL_REGISTRY_REDIS_URL").contains("redis://").doesNotContain("hunter2");
    assertThat(exit.stdout()).doesNotContain("\tat ").doesNotContain("hunter2");
  }
}
