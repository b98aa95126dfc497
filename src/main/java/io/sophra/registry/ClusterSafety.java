package io.sophra.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start-up until the cluster is safe ({@code PartitionService.isClusterSafe()}: no migration
 * running, every backup in sync), so a new node turns ready only once the data it serves is where
 * it will stay. The check blocks (it asks every member), so it runs on a worker thread.
 */
final class ClusterSafety {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSafety.class);

  private ClusterSafety() {
  }

  /** Completes once {@code isSafe} answered true; asks again every {@code pollMillis} until then. */
  static Future<Void> await(Vertx vertx, Callable<Boolean> isSafe, long pollMillis) {
    return check(vertx, isSafe, pollMillis, 0);
  }

  private static Future<Void> check(Vertx vertx, Callable<Boolean> isSafe, long pollMillis, int attempt) {
    return vertx.executeBlocking(isSafe, false).compose(safe -> {
      if (safe) {
        return Future.succeededFuture();
      }
      if (attempt % 50 == 0) {
        LOG.info("Waiting for the cluster to be safe (partition migrations, backups) before turning ready");
      }
      return vertx.timer(pollMillis).compose(fired -> check(vertx, isSafe, pollMillis, attempt + 1));
    });
  }
}
