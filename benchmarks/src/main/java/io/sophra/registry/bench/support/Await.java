package io.sophra.registry.bench.support;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking waits on Vert.x Futures, for set-up code and for callers on threads of their own. */
public final class Await {

  private Await() {
  }

  /** The future's value, waiting at most {@code seconds}; its failure is rethrown unchecked. */
  public static <T> T result(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + seconds + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of a future that must already have completed: a synchronous answer, not a wait. */
  public static <T> T completed(Future<T> future) {
    if (!future.isComplete()) {
      throw new IllegalStateException("the call did not complete synchronously (not a Near Cache hit?)");
    }
    if (future.failed()) {
      throw new IllegalStateException(future.cause().toString(), future.cause());
    }
    return future.result();
  }
}
