package io.sophra.registry.grid;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Bridges Hazelcast futures to Vert.x Futures without {@code Future.fromCompletionStage}.
 *
 * <p>Hazelcast runs non-async callbacks on {@code ForkJoinPool.commonPool()}, and with two CPUs or
 * fewer that pool starts a new thread per task (DESIGN.md "Pitfalls": p99 10 ms instead of 2.8 ms).
 * Here the callback runs on whichever thread completes the Hazelcast future ({@code Runnable::run}),
 * and completes the Vert.x promise directly when that thread is already on the caller's context (a
 * Near Cache hit completes synchronously on the event loop), or hops to the context otherwise.
 */
public final class HazelcastFutures {

  private HazelcastFutures() {
  }

  public static <T> Future<T> toFuture(CompletionStage<T> stage, Context context) {
    Promise<T> promise = Promise.promise();
    stage.whenCompleteAsync((value, failure) -> {
      if (Vertx.currentContext() == context) {
        complete(promise, value, failure);
      } else {
        context.runOnContext(ignored -> complete(promise, value, failure));
      }
    }, Runnable::run);
    return promise.future();
  }

  /**
   * {@code stage}'s value, deserialized once for all later stages. A Hazelcast call's own future
   * ({@code DelegatingCompletableFuture}, what {@code submitToKey} answers) keeps the answer
   * serialized: a {@code whenComplete} stage chained on it deserializes the answer for its action and
   * answers a new such future over the same bytes, which deserializes it again, and so on down the
   * chain: a model write's three stages read its answer six times in all ({@code HazelcastFuturesTest}
   * holds that each stage adds a read). A {@code thenApply} stage holds the object, so the stages
   * after it read nothing; with it, two reads in all (the future's own completion and that stage).
   */
  static <T> CompletionStage<T> deserializedOnce(CompletionStage<T> stage) {
    return stage.thenApplyAsync(Function.identity(), Runnable::run);
  }

  private static <T> void complete(Promise<T> promise, T value, Throwable failure) {
    if (failure != null) {
      promise.fail(unwrap(failure));
    } else {
      promise.complete(value);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof java.util.concurrent.CompletionException
        || current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
