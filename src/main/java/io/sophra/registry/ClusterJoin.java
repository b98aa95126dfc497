package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import io.sophra.registry.failure.Causes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the cluster, trying again when the join failed with an indeterminate state.
 *
 * <p>While a member joins, Vert.x's cluster manager writes the node's address to a replicated map of
 * its own ({@code __vertx.nodeInfo}) as the join's partition migrations run. The registry sets
 * {@code hazelcast.operation.fail.on.indeterminate.state} (an acknowledged write must have its backup),
 * so on a busy machine a backup acknowledgement missed by that write fails the whole start (seen in CI,
 * three members starting at once on two loaded cores). That write is idempotent: the failed member is
 * terminated (so it never lingers in the cluster, counted towards a majority) and a new one joins, up
 * to {@value #ATTEMPTS} times. Any other failure fails the start at once.
 */
final class ClusterJoin {

  static final int ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ClusterJoin.class);

  /** A clustered Vert.x and the cluster manager it joined with. */
  record Joined(Vertx vertx, HazelcastClusterManager manager) {
  }

  private ClusterJoin() {
  }

  /** {@code build} on a new cluster manager from {@code managers}, again after an indeterminate failure. */
  static Future<Joined> join(Supplier<HazelcastClusterManager> managers,
      Function<HazelcastClusterManager, Future<Vertx>> build) {
    return join(managers, build, 1);
  }

  private static Future<Joined> join(Supplier<HazelcastClusterManager> managers,
      Function<HazelcastClusterManager, Future<Vertx>> build, int attempt) {
    HazelcastClusterManager manager = managers.get();
    return build.apply(manager).map(vertx -> new Joined(vertx, manager)).recover(failure -> {
      if (!indeterminate(failure) || attempt >= ATTEMPTS) {
        return Future.failedFuture(failure);
      }
      LOG.warn("Joining the cluster failed ({}); leaving and joining again ({} of {})", failure.toString(),
          attempt + 1, ATTEMPTS);
      return terminated(manager).compose(left -> join(managers, build, attempt + 1));
    });
  }

  /** Whether {@code failure} or one of its causes is Hazelcast's indeterminate operation state. */
  static boolean indeterminate(Throwable failure) {
    return Causes.find(failure, IndeterminateOperationStateException.class).isPresent();
  }

  /** Terminates the member of a failed join, if it still runs, on a thread of its own (it blocks). */
  private static Future<Void> terminated(HazelcastClusterManager manager) {
    Promise<Void> left = Promise.promise();
    Thread thread = new Thread(() -> {
      try {
        HazelcastInstance member = manager.getHazelcastInstance();
        if (member != null && member.getLifecycleService().isRunning()) {
          member.getLifecycleService().terminate();
        }
      } catch (RuntimeException e) {
        LOG.warn("Terminating the member of a failed join: {}", e.toString());
      }
      left.complete();
    }, "cluster-join-retry");
    thread.setDaemon(true);
    thread.start();
    return left.future();
  }
}
