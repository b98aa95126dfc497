package io.sophra.registry.support;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which Vert.x reported a blocked event loop. Registered for every test class
 * (junit-platform.properties turns on extension auto-detection); every Vert.x instance a test builds
 * is watched through {@link #watch} and uses {@link #options()}.
 */
public final class BlockedThreadGuard implements AfterEachCallback {

  /** Longest an event-loop task may run before it counts as blocking. */
  public static final long MAX_EVENT_LOOP_MILLIS = 400;

  private static final List<String> REPORTS = new ArrayList<>();

  /** Vert.x options whose blocked-thread checker looks often and reports past the threshold. */
  public static VertxOptions options() {
    return new VertxOptions()
        .setBlockedThreadCheckInterval(100).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
  }

  public static Vertx watch(Vertx vertx) {
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(BlockedThreadGuard::record);
    return vertx;
  }

  private static void record(BlockedThreadEvent event) {
    if (event.thread().getName().contains("eventloop")) {
      synchronized (REPORTS) {
        StringBuilder report = new StringBuilder(event.thread().getName()).append(" blocked for ")
            .append(event.duration() / 1_000_000).append(" ms at");
        StackTraceElement[] stack = event.thread().getStackTrace();
        for (int i = 0; i < Math.min(12, stack.length); i++) {
          report.append("\n    ").append(stack[i]);
        }
        REPORTS.add(report.toString());
      }
    }
  }

  /** Takes and clears what has been reported so far. */
  static List<String> drain() {
    synchronized (REPORTS) {
      List<String> reports = List.copyOf(REPORTS);
      REPORTS.clear();
      return reports;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> reports = drain();
    if (!reports.isEmpty()) {
      throw new AssertionError("Vert.x reported a blocked event loop during this test: " + reports);
    }
  }
}
