package io.sophra.registry.bench.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs {@code count} asynchronous calls with at most {@code window} in flight and waits for them all;
 * used to fill the registry and to warm code paths up by count before JMH's timed warm-up (a cold path
 * can take milliseconds per call, so a warm-up of a few seconds would run it only a few hundred times).
 */
public final class Pipelined {

  private Pipelined() {
  }

  /**
   * A Vert.x Future of a Hazelcast future, completed on the thread that completes the Hazelcast one
   * (not {@code Future.fromCompletionStage}, which would start a thread per callback on small machines).
   */
  public static <T> Future<T> of(CompletionStage<T> stage) {
    Promise<T> promise = Promise.promise();
    stage.whenCompleteAsync((value, failure) -> {
      if (failure != null) {
        promise.fail(failure);
      } else {
        promise.complete(value);
      }
    }, Runnable::run);
    return promise.future();
  }

  /** Fails with the first failure of a call, after the calls in flight have finished. */
  public static void run(int count, int window, IntFunction<Future<?>> call) {
    Semaphore permits = new Semaphore(window);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < count && failure.get() == null; i++) {
      permits.acquireUninterruptibly();
      call.apply(i).onComplete(result -> {
        if (result.failed()) {
          failure.compareAndSet(null, result.cause());
        }
        permits.release();
      });
    }
    permits.acquireUninterruptibly(window);
    if (failure.get() != null) {
      throw new IllegalStateException(failure.get().toString(), failure.get());
    }
  }
}
