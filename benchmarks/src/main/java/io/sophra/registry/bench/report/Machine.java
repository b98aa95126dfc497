package io.sophra.registry.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The JDK and hardware the figures came from, recorded beside them. */
public final class Machine {

  private Machine() {
  }

  public static JsonObject describe() {
    return new JsonObject()
        .put("date", LocalDate.now().toString())
        .put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
        .put("cpu", cpuModel())
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"))
        .put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return System.getProperty("os.arch") + " (model unknown)";
    }
  }
}
