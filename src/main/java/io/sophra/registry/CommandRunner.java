package io.sophra.registry;

import io.sophra.registry.config.ConfigException;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a long-lived command of the jar (the node, the subscriber) the same way: start it and wait,
 * report a bad configuration or a failed start as one line on standard error with exit status 1,
 * and on SIGTERM stop it cleanly (the JVM then exits with status 143, as after any SIGTERM).
 */
final class CommandRunner {

  private static final long START_MINUTES = 5;
  private static final long STOP_SECONDS = 30;

  private CommandRunner() {
  }

  /**
   * Starts what {@code start} makes; once it runs, {@code started} reports it and a shutdown hook
   * will {@code stop} it. On a failed start prints {@code <name>: <reason>} and exits with status 1.
   */
  static <T> void runUntilStopped(String name, Supplier<Future<T>> start, Consumer<T> started,
      Function<T, Future<Void>> stop) {
    T running;
    try {
      running = start.get().toCompletionStage().toCompletableFuture().get(START_MINUTES, TimeUnit.MINUTES);
    } catch (ConfigException e) {
      fail(name, "configuration error: " + e.getMessage());
      return;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      fail(name, "start-up failed: " + (cause instanceof ConfigException ? "configuration error: " : "")
          + cause.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stop.apply(running).toCompletionStage().toCompletableFuture().get(STOP_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println(name + ": did not stop cleanly: " + e);
      }
    }, name + "-shutdown"));
    started.accept(running);
  }

  /** Prints {@code <name>: <message>} on standard error and exits with status 1. */
  static void fail(String name, String message) {
    System.err.println(name + ": " + message);
    System.exit(1);
  }
}
