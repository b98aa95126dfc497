package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.grid.GridAliasRegistry;
import io.sophra.registry.grid.GridAuditLog;
import io.sophra.registry.grid.GridChangeLog;
import io.sophra.registry.grid.GridModelMetrics;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.persistence.RedisModelStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;

/**
 * A node's grid structures: the models, the audit log, the aliases, the metric series and the change
 * log. Getting them creates proxies and indexes cluster-wide, which blocks, so they are opened on a
 * worker thread.
 *
 * @param modelsOpenTime how long opening the models map took (with Redis, the cluster's eager load and its check)
 */
record NodeGrid(GridModelRegistry models, GridAuditLog audit, Duration modelsOpenTime,
    GridAliasRegistry aliases, GridModelMetrics metrics, GridChangeLog changes) {

  /**
   * Opens the maps on a worker thread, retrying a join-time failure (see NodeLifecycle): with Redis,
   * opening the models map waits for the eager load.
   */
  static Future<NodeGrid> open(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast,
      Optional<RedisModelStore> redis) {
    long opening = System.nanoTime();
    return NodeLifecycle.openGrid(vertx, () -> GridModelRegistry.create(vertx, hazelcast, config.node().maxModels(),
            config.node().requestTimeout()))
        .compose(models -> redis.isEmpty() ? Future.succeededFuture(models)
            : RedisStartup.confirmLoad(vertx, models, redis.get(), System.nanoTime() - opening).map(models))
        .compose(models -> {
          Duration openTime = Duration.ofNanos(System.nanoTime() - opening);
          return NodeLifecycle.openGrid(vertx, () -> new NodeGrid(models,
              GridAuditLog.create(vertx, hazelcast, config.audit(), config.node().requestTimeout()), openTime,
              GridAliasRegistry.create(vertx, hazelcast, models, config.aliases().maxAliases(),
                  config.node().requestTimeout()),
              GridModelMetrics.create(vertx, hazelcast, models, config.metrics(), config.node().requestTimeout()),
              GridChangeLog.create(vertx, hazelcast, config.node().requestTimeout())));
        });
  }
}
