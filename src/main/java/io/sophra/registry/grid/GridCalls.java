package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.CallerNotMemberException;
import com.hazelcast.spi.exception.PartitionMigratingException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import com.hazelcast.spi.exception.WrongTargetException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.sophra.registry.background.Blocking;
import io.sophra.registry.failure.Causes;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs grid calls under the request deadline and turns grid trouble into
 * {@link RegistryException.Unavailable}: past the deadline, or when Hazelcast cannot say whether a
 * write happened ({@code IndeterminateOperationStateException}, a member left mid-call, the local
 * member stopped), or when the models map's store (Redis) did not accept a write (the grid then kept
 * the previous value), the caller gets a 503 it can retry, never a hang or a false success.
 *
 * <p>One {@link Deadline} covers a whole request: a registration's slot reservation and insert share
 * it, so no request outlives {@code MODEL_REGISTRY_REQUEST_TIMEOUT} however many grid calls it makes.
 * A call the caller stopped waiting for may still complete in the grid (its outcome is unknown to
 * the caller, hence 503); code that must tidy up after such a call uses {@link #start} and reacts to
 * the call's own completion.
 *
 * <p>A call that Hazelcast refused before running it, because its partition was migrating or had
 * moved (a member joining or leaving gracefully), is made again after a short pause while the
 * deadline allows: it never ran, so repeating it is safe for a write too, and the caller waits for
 * the migration instead of getting a 503. Hazelcast retries these itself, but pauses up to 500 ms
 * between tries. A call refused by split-brain protection fails as {@link RegistryException.NoQuorum}.
 */
final class GridCalls {

  /** The point in time by which a request must have its answer. */
  static final class Deadline {
    private final long atNanos;

    private Deadline(long atNanos) {
      this.atNanos = atNanos;
    }

    long remainingMillis() {
      return TimeUnit.NANOSECONDS.toMillis(atNanos - System.nanoTime());
    }
  }

  private static final long RETRY_PAUSE_MILLIS = 20;

  private final Vertx vertx;
  private final long deadlineNanos;

  GridCalls(Vertx vertx, Duration deadline) {
    this.vertx = vertx;
    this.deadlineNanos = deadline.toNanos();
  }

  /** A deadline starting now, for the calls of one request. */
  Deadline deadline() {
    return new Deadline(System.nanoTime() + deadlineNanos);
  }

  /** An async Hazelcast call, bridged to the caller's context and bounded by a fresh deadline. */
  <T> Future<T> async(Supplier<CompletionStage<T>> call) {
    Future<T> future = start(call);
    if (future.isComplete() && !(future.failed() && notExecuted(future.cause()))) {
      return settled(future);
    }
    Deadline deadline = deadline();
    return within(deadline, retried(deadline, call, future));
  }

  /**
   * An async Hazelcast call, bridged to the caller's context and bounded by {@code deadline}; not
   * made at all when the deadline has passed already.
   */
  <T> Future<T> async(Deadline deadline, Supplier<CompletionStage<T>> call) {
    if (deadline.remainingMillis() <= 0) {
      return translate(new TimeoutException("deadline passed before the call"));
    }
    return within(deadline, retried(deadline, call, start(call)));
  }

  /**
   * {@code attempt}, or when Hazelcast refused it without running it (a migrating or moved
   * partition), the same call made again after a pause, as long as the deadline leaves time for it.
   */
  private <T> Future<T> retried(Deadline deadline, Supplier<CompletionStage<T>> call, Future<T> attempt) {
    return attempt.recover(failure -> {
      if (!notExecuted(failure) || deadline.remainingMillis() <= RETRY_PAUSE_MILLIS) {
        return Future.failedFuture(failure);
      }
      return vertx.timer(RETRY_PAUSE_MILLIS).compose(paused -> retried(deadline, call, start(call)));
    });
  }

  /** Failures that prove Hazelcast did not run the operation, so it may be made again. */
  static boolean notExecuted(Throwable failure) {
    return failure instanceof PartitionMigratingException || failure instanceof WrongTargetException
        || failure instanceof TargetNotMemberException || failure instanceof CallerNotMemberException;
  }

  /**
   * An async Hazelcast call, bridged to the caller's context, with no deadline: its Future completes
   * when the grid answers (or Hazelcast gives up), and fails with what Hazelcast threw.
   */
  <T> Future<T> start(Supplier<CompletionStage<T>> call) {
    Context context = vertx.getOrCreateContext();
    try {
      return HazelcastFutures.toFuture(call.get(), context);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * A value known at once (a Near Cache hit read directly), as the Future {@link #async} would have
   * given: bound to the caller's context, so callbacks attached from another thread still run there.
   */
  <T> Future<T> answered(T value) {
    return ((ContextInternal) vertx.getOrCreateContext()).succeededFuture(value);
  }

  /** {@code future} as the caller sees it: failed with Unavailable past the deadline or on grid trouble. */
  <T> Future<T> within(Deadline deadline, Future<T> future) {
    if (future.isComplete()) {
      return settled(future);
    }
    long remaining = deadline.remainingMillis();
    if (remaining <= 0) {
      return translate(new TimeoutException("deadline passed"));
    }
    return future.timeout(Math.max(1, remaining), TimeUnit.MILLISECONDS).recover(GridCalls::translate);
  }

  /** A future that completed at once (a Near Cache hit): no timer to arm, nothing to wait for. */
  private static <T> Future<T> settled(Future<T> future) {
    return future.succeeded() ? future : translate(future.cause());
  }

  /** A Hazelcast call with no async form, on a worker thread, bounded by a fresh deadline. */
  <T> Future<T> blocking(Callable<T> call) {
    return within(deadline(), Blocking.onWorker(vertx, call));
  }

  static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof RegistryException) {
      return Future.failedFuture(failure);
    }
    StoreUnavailableException storeFailure = storeFailure(failure);
    if (storeFailure != null) {
      return Future.failedFuture(new RegistryException.Unavailable(
          storeFailure.getMessage() + "; the model is unchanged, retry later", storeFailure));
    }
    if (refusedWithoutMajority(failure)) {
      return Future.failedFuture(new RegistryException.NoQuorum("a member this request needed sees fewer than a"
          + " strict majority of the cluster (split-brain protection, MODEL_REGISTRY_CLUSTER_SIZE) and may be cut"
          + " off from the others; nothing was read or changed, retry through another node", failure));
    }
    if (failure instanceof TimeoutException) {
      return Future.failedFuture(new RegistryException.Unavailable(
          "the grid did not answer within the request deadline (MODEL_REGISTRY_REQUEST_TIMEOUT);"
              + " a write's outcome is unknown", failure));
    }
    if (failure instanceof HazelcastException || failure instanceof HazelcastInstanceNotActiveException
        || failure instanceof MemberLeftException || failure instanceof RejectedExecutionException
        || thrownByHazelcast(failure)) {
      return Future.failedFuture(new RegistryException.Unavailable(
          "the grid could not complete the operation, its outcome may be unknown: "
              + failure.getClass().getSimpleName(), failure));
    }
    return Future.failedFuture(failure);
  }

  /**
   * Whether {@code failure} is a plain runtime exception raised inside Hazelcast itself, such as the
   * "Connecting to self!" of a connection attempt, rather than a fault of the registry's own code
   * (which stays a 500, to be seen and fixed).
   */
  static boolean thrownByHazelcast(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return failure instanceof RuntimeException && trace.length > 0
        && trace[0].getClassName().startsWith("com.hazelcast.");
  }

  /** Whether split-brain protection refused {@code failure}'s operation: it did not run. */
  static boolean refusedWithoutMajority(Throwable failure) {
    return Causes.find(failure, SplitBrainProtectionException.class).isPresent();
  }

  /** The store failure behind {@code failure}, or null: the grid did not apply that write. */
  static StoreUnavailableException storeFailure(Throwable failure) {
    return Causes.find(failure, StoreUnavailableException.class).orElse(null);
  }
}
