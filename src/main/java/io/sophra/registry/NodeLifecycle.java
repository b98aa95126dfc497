package io.sophra.registry;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import io.sophra.registry.grid.Majority;
import io.sophra.registry.http.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a node's start and stop that make a cluster behave under a load balancer: open the
 * grid's maps (retrying a join-time hiccup), turn ready only once the cluster has been safe, stay
 * ready only while a member, and drain before stopping.
 */
final class NodeLifecycle {

  /** The readiness reason of a member that sees no majority of the cluster (split-brain protection). */
  static final String NO_QUORUM = "no-quorum";
  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);
  private static final long SAFETY_POLL_MILLIS = 100;
  private static final int OPEN_ATTEMPTS = 5;

  private NodeLifecycle() {
  }

  /**
   * Opens grid structures on a worker thread (creating a map proxy blocks). While a member joins,
   * creating a proxy can fail with an indeterminate state: the proxy adds the map's indexes on every
   * partition and a backup of that races the join's migrations. Adding indexes is idempotent, so
   * such a failure is simply tried again.
   */
  static <T> Future<T> openGrid(Vertx vertx, Callable<T> open) {
    return openGrid(vertx, open, 1);
  }

  private static <T> Future<T> openGrid(Vertx vertx, Callable<T> open, int attempt) {
    return vertx.executeBlocking(open, false).recover(failure -> {
      if (!(failure instanceof HazelcastException) || attempt >= OPEN_ATTEMPTS) {
        return Future.failedFuture(failure);
      }
      LOG.warn("Opening the grid's maps failed ({}); trying again", failure.toString());
      return vertx.timer(200L * attempt).compose(waited -> openGrid(vertx, open, attempt + 1));
    });
  }

  /**
   * Waits until this member sees a majority of the cluster ({@code MODEL_REGISTRY_CLUSTER_SIZE}), not
   * ready with reason {@value #NO_QUORUM} meanwhile: opening the registry's maps writes to them (their
   * indexes, a load from Redis), which split-brain protection refuses without one. So a cluster
   * starting cold serves once a majority of its members has started; start them together, not one
   * after the other's readiness. At once when the protection is off.
   */
  static Future<Void> awaitMajority(Vertx vertx, HazelcastInstance hazelcast, Readiness readiness) {
    Majority majority = Majority.of(hazelcast);
    if (majority.present()) {
      return Future.succeededFuture();
    }
    String reason = readiness.reason();
    readiness.notReady(NO_QUORUM);
    return awaitMajority(vertx, majority, 0).onSuccess(present -> readiness.notReady(reason));
  }

  private static Future<Void> awaitMajority(Vertx vertx, Majority majority, int attempt) {
    if (majority.present()) {
      return Future.succeededFuture();
    }
    if (attempt % 50 == 0) {
      LOG.info("Waiting for a majority of the cluster: this member sees {} member(s) and needs {}"
          + " (MODEL_REGISTRY_CLUSTER_SIZE)", majority.seen(), majority.needed());
    }
    return vertx.timer(SAFETY_POLL_MILLIS).compose(fired -> awaitMajority(vertx, majority, attempt + 1));
  }

  /**
   * Turns the node ready once the cluster has been safe ({@code PartitionService.isClusterSafe()}:
   * no migration running, every backup in sync), so a new node takes traffic only once the data it
   * serves is where it stays; from then on it is ready only while it is a running member that is not
   * merging into another cluster after a network split and that sees a majority of the cluster
   * (reason {@value #NO_QUORUM} otherwise, so a balancer stops sending it traffic it would refuse
   * anyway). A later migration does not make it unready
   * (that would drain every node at once).
   */
  static Future<Void> readyOnceClusterSafe(Vertx vertx, HazelcastInstance hazelcast, Readiness readiness) {
    readiness.notReady("waiting for the cluster to be safe");
    return awaitClusterSafe(vertx, () -> hazelcast.getPartitionService().isClusterSafe(), SAFETY_POLL_MILLIS)
        .map(safe -> {
          requireMembership(readiness, hazelcast);
          readiness.ready();
          return null;
        });
  }

  /** Completes once {@code isSafe} (a blocking check, run on a worker) answered true; asks every {@code pollMillis}. */
  static Future<Void> awaitClusterSafe(Vertx vertx, Callable<Boolean> isSafe, long pollMillis) {
    return checkSafe(vertx, isSafe, pollMillis, 0);
  }

  private static Future<Void> checkSafe(Vertx vertx, Callable<Boolean> isSafe, long pollMillis, int attempt) {
    return vertx.executeBlocking(isSafe, false).compose(safe -> {
      if (safe) {
        return Future.succeededFuture();
      }
      if (attempt % 50 == 0) {
        LOG.info("Waiting for the cluster to be safe (partition migrations, backups) before turning ready");
      }
      return vertx.timer(pollMillis).compose(fired -> checkSafe(vertx, isSafe, pollMillis, attempt + 1));
    });
  }

  private static void requireMembership(Readiness readiness, HazelcastInstance hazelcast) {
    AtomicBoolean merging = new AtomicBoolean();
    hazelcast.getLifecycleService().addLifecycleListener(event -> {
      if (event.getState() == LifecycleState.MERGING) {
        merging.set(true);
      } else if (event.getState() == LifecycleState.MERGED || event.getState() == LifecycleState.MERGE_FAILED) {
        merging.set(false);
      }
    });
    readiness.require("not a cluster member", () -> hazelcast.getLifecycleService().isRunning());
    readiness.require("merging into the cluster after a network split", () -> !merging.get());
    readiness.require(NO_QUORUM, Majority.of(hazelcast)::present);
  }

  /**
   * Turns not-ready at once and keeps serving for {@code drainDelay}, so a load balancer polling
   * {@code /health/ready} stops sending traffic here; then closes Vert.x (HTTP stops, the member
   * leaves and its partitions migrate). The result is a plain promise: a Future bound to one of
   * this Vert.x's contexts would never hear that Vert.x closed.
   */
  static Future<Void> drainThenClose(Vertx vertx, Readiness readiness, Duration drainDelay) {
    readiness.drain();
    if (drainDelay.isZero()) {
      return vertx.close();
    }
    Promise<Void> stopped = Promise.promise();
    vertx.setTimer(drainDelay.toMillis(), drained -> vertx.close().onComplete(stopped));
    return stopped.future();
  }

  /**
   * Wires a freshly built clustered Vert.x; if that fails, closes it and fails with the first cause.
   * The result is a plain promise, for the same reason as above: after a failed wiring the event
   * loops are closing, and start-up would hang instead of failing.
   */
  static <T> Future<T> wiredOrClosed(Future<Vertx> built, Function<Vertx, Future<T>> wiring) {
    Promise<T> result = Promise.promise();
    built.onFailure(result::fail).onSuccess(vertx -> wiring.apply(vertx)
        .onSuccess(result::complete)
        .onFailure(failure -> vertx.close().onComplete(closed -> result.fail(failure))));
    return result.future();
  }
}
