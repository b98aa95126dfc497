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

  /**
   * Longest an event-loop task may run before it counts as blocking. Measured on the shared 2-core
   * machines: at load averages of 20-30 (several builds at once) a loop running only its own code was
   * descheduled for 400-650 ms now and then (class loading, Micrometer's first registration, a socket
   * write); 800 ms keeps those quiet while a blocking grid call (a first Compact schema publication
   * took 1.3 s, a migration waits seconds) still fails the test.
   */
  public static final long MAX_EVENT_LOOP_MILLIS = 800;

  /**
   * Where a reported loop stood when it was not blocked at all but descheduled, or the checker woke
   * late: idle in the selector, or inside a non-blocking socket call of Netty's transport.
   */
  private static final List<String> NOT_BLOCKING_TOPS = List.of("sun.nio.ch.EPoll.wait", "sun.nio.ch.EPollSelectorImpl",
      "io.netty.channel.epoll.Native.epollWait", "sun.nio.ch.FileDispatcherImpl.writev0",
      "sun.nio.ch.FileDispatcherImpl.write0", "sun.nio.ch.FileDispatcherImpl.readv0", "sun.nio.ch.FileDispatcherImpl.read0");

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
    StackTraceElement[] stack = event.thread().getStackTrace();
    if (event.thread().getName().contains("eventloop") && !descheduledOnly(stack)) {
      synchronized (REPORTS) {
        StringBuilder report = new StringBuilder(event.thread().getName()).append(" blocked for ")
            .append(event.duration() / 1_000_000).append(" ms at");
        for (int i = 0; i < Math.min(12, stack.length); i++) {
          report.append("\n    ").append(stack[i]);
        }
        REPORTS.add(report.toString());
      }
    }
  }

  private static boolean descheduledOnly(StackTraceElement[] stack) {
    if (stack.length == 0) {
      return true;
    }
    String top = stack[0].getClassName() + "." + stack[0].getMethodName();
    return NOT_BLOCKING_TOPS.stream().anyMatch(top::startsWith);
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
