package io.sophra.registry.background;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * Blocking work on a Vert.x worker thread that may be asked for while the node stops.
 *
 * <p>Why not {@code vertx.executeBlocking} alone: while Vert.x closes, its worker pool shuts down
 * before its event loops stop, so a timer of the node (the audit retention's sweep, the list index's
 * reload, the store repairs, the certificate reload) can still fire after the pool is gone. Vert.x 5
 * then throws {@link RejectedExecutionException} out of {@code executeBlocking} instead of failing the
 * future it would return (eclipse-vertx/vert.x#4209, still open), and the timer's context logs that
 * as an unhandled error with its stack trace, once a second for the audit sweep. Here it becomes a
 * failed future, {@link Stopping}, which the caller handles as any failure of its work: the node is
 * stopping, and the work is not needed any more.
 */
public final class Blocking {

  private Blocking() {
  }

  /** {@code task} on a worker thread, unordered; a failed future with {@link Stopping} once the pool is closed. */
  public static <T> Future<T> onWorker(Vertx vertx, Callable<T> task) {
    try {
      return vertx.executeBlocking(task, false);
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new Stopping(e));
    }
  }

  /**
   * The worker pool refused the work: Vert.x is closing. A {@link RejectedExecutionException} itself,
   * so whoever sorts failures by kind sorts it as the refusal it is (the grid's calls answer it as 503
   * Unavailable, never as a 500).
   */
  public static final class Stopping extends RejectedExecutionException {

    private static final long serialVersionUID = 1L;

    Stopping(RejectedExecutionException cause) {
      super("the node is stopping: its worker pool is closed", cause);
    }
  }
}
