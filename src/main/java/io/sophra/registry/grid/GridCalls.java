package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import io.sophra.registry.registry.RegistryException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs grid calls under the request deadline and turns grid trouble into
 * {@link RegistryException.Unavailable}: past the deadline, or when Hazelcast cannot say whether a
 * write happened, or when the models map's store (Redis) did not accept a write (the grid then kept
 * the previous value), the caller gets a 503 it can retry, never a hang or a false success.
 */
final class GridCalls {

  private final Vertx vertx;
  private final long deadlineMillis;

  GridCalls(Vertx vertx, Duration deadline) {
    this.vertx = vertx;
    this.deadlineMillis = deadline.toMillis();
  }

  /** An async Hazelcast call, bridged to the caller's context and bounded by the deadline. */
  <T> Future<T> async(Supplier<CompletionStage<T>> call) {
    Context context = vertx.getOrCreateContext();
    Future<T> future;
    try {
      future = HazelcastFutures.toFuture(call.get(), context);
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    return bounded(future);
  }

  /** A Hazelcast call with no async form, on a worker thread, bounded by the deadline. */
  <T> Future<T> blocking(Callable<T> call) {
    return bounded(vertx.executeBlocking(call, false));
  }

  private <T> Future<T> bounded(Future<T> future) {
    return future.timeout(deadlineMillis, TimeUnit.MILLISECONDS).recover(GridCalls::translate);
  }

  private static <T> Future<T> translate(Throwable failure) {
    StoreUnavailableException storeFailure = storeFailure(failure);
    if (storeFailure != null) {
      return Future.failedFuture(new RegistryException.Unavailable(
          storeFailure.getMessage() + "; the model is unchanged, retry later", storeFailure));
    }
    if (failure instanceof TimeoutException) {
      return Future.failedFuture(new RegistryException.Unavailable(
          "the grid did not answer within the request deadline (MODEL_REGISTRY_REQUEST_TIMEOUT)", failure));
    }
    if (failure instanceof HazelcastException || failure instanceof HazelcastInstanceNotActiveException
        || failure instanceof MemberLeftException) {
      return Future.failedFuture(new RegistryException.Unavailable(
          "the grid could not complete the operation, its outcome may be unknown: "
              + failure.getClass().getSimpleName(), failure));
    }
    return Future.failedFuture(failure);
  }

  /** The store failure behind {@code failure}, or null: the grid did not apply that write. */
  static StoreUnavailableException storeFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StoreUnavailableException storeFailure) {
        return storeFailure;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
