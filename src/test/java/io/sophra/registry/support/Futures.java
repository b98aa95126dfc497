package io.sophra.registry.support;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits for Vert.x Futures from a test thread. */
public final class Futures {

  private Futures() {
  }

  /** The Future's value; its failure is rethrown as is (unwrapped) when it is unchecked. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the future did not complete within a minute", e);
    }
  }

  /** The Future's failure; fails the test when it succeeded. */
  public static Throwable failureOf(Future<?> future) {
    try {
      Object value = await(future);
      throw new AssertionError("expected a failure, got " + value);
    } catch (RuntimeException e) {
      return e;
    }
  }
}
