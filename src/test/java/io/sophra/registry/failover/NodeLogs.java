package io.sophra.registry.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What a node process wrote to its log, to see when it changed its view of the cluster. */
final class NodeLogs {

  private NodeLogs() {
  }

  /** How many lines of {@code log} start with {@code text}. */
  static long lines(Path log, String text) throws IOException {
    return Files.readString(log).lines().filter(line -> line.startsWith(text)).count();
  }

  /** How many lines of {@code log} contain {@code text}. */
  static long mentions(Path log, String text) throws IOException {
    return Files.readString(log).lines().filter(line -> line.contains(text)).count();
  }

  /** Waits until more than {@code before} lines of {@code log} start with {@code text}; answers when (nanoTime). */
  static long awaitLine(Path log, String text, long before, Duration limit, String what)
      throws IOException, InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (lines(log, text) <= before) {
      if (System.nanoTime() > until) {
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + " ('" + text + "' in " + log + ")");
      }
      Thread.sleep(100);
    }
    return System.nanoTime();
  }
}
