package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapStore;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.grid.GridConfig;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.http.AnonymousAccess;
import io.sophra.registry.http.ApiVerticle;
import io.sophra.registry.http.Readiness;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.persistence.RedisModelStore;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.Optional;

/**
 * One registry node: a clustered Vert.x whose Hazelcast member holds the models, the registry
 * service over it, and the HTTP API. Several can live in one JVM (the cluster tests do).
 */
public final class RegistryNode {

  private final RegistryConfig config;
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final ModelRegistry registry;
  private final Readiness readiness;
  private final Optional<RedisModelStore> redis;
  private final Duration modelsOpenTime;

  private RegistryNode(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast,
      ModelRegistry registry, Readiness readiness, Optional<RedisModelStore> redis, Duration modelsOpenTime) {
    this.config = config;
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.readiness = readiness;
    this.redis = redis;
    this.modelsOpenTime = modelsOpenTime;
  }

  /**
   * Joins the cluster, builds the registry and deploys the API; the Future completes once the node is
   * ready for traffic, or fails with the first thing that went wrong (nothing is left running then).
   * With Redis persistence, Redis is connected first and the models are loaded from it before the
   * API listens.
   */
  public static Future<RegistryNode> start(RegistryConfig config, VertxOptions options) {
    return RedisStartup.connect(config).compose(redis -> startMember(config, options, redis)
        .onFailure(failure -> redis.ifPresent(RedisModelStore::close)));
  }

  private static Future<RegistryNode> startMember(RegistryConfig config, VertxOptions options,
      Optional<RedisModelStore> redis) {
    HazelcastClusterManager clusterManager;
    try {
      Optional<MapStore<String, ModelConfig>> store = redis.map(redisStore -> redisStore);
      clusterManager = new HazelcastClusterManager(GridConfig.build(config, store));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    options.setEventBusOptions(eventBusOptions(config));
    // completed outside any Vert.x context: after a failed wiring the event loops are gone, and a
    // future bound to one of them would never deliver the failure
    Promise<RegistryNode> started = Promise.promise();
    Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered().onComplete(built -> {
      if (built.failed()) {
        started.fail(built.cause());
        return;
      }
      Vertx vertx = built.result();
      wire(config, vertx, clusterManager.getHazelcastInstance(), redis).onComplete(wired -> {
        if (wired.succeeded()) {
          started.complete(wired.result());
        } else {
          vertx.close().onComplete(closed -> started.fail(wired.cause()));
        }
      });
    });
    return started.future();
  }

  private static Future<RegistryNode> wire(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast,
      Optional<RedisModelStore> redis) {
    Readiness readiness = new Readiness();
    readiness.notReady(redis.isPresent() ? "loading the models from Redis" : "starting");
    long opening = System.nanoTime();
    return openModels(config, vertx, hazelcast, redis).compose(store -> {
      Duration openTime = Duration.ofNanos(System.nanoTime() - opening);
      ModelRegistry registry = store;
      AnonymousAccess authentication = new AnonymousAccess(Caller.system("anonymous"));
      DeploymentOptions api = new DeploymentOptions().setInstances(config.effectiveHttpInstances());
      return vertx.deployVerticle(() -> new ApiVerticle(registry, authentication, readiness,
              config.httpHost(), config.httpPort(), config.maxBodySize()), api)
          .map(deployed -> {
            readiness.ready();
            return new RegistryNode(config, vertx, hazelcast, registry, readiness, redis, openTime);
          });
    });
  }

  /** Opens the models map on a worker thread: with Redis, that waits for the cluster's eager load. */
  private static Future<GridModelRegistry> openModels(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast,
      Optional<RedisModelStore> redis) {
    long started = System.nanoTime();
    return vertx.executeBlocking(() -> GridModelRegistry.create(vertx, hazelcast, config.maxModels(),
            config.requestTimeout()), false)
        .compose(store -> redis.isEmpty() ? Future.succeededFuture(store)
            : RedisStartup.confirmLoad(vertx, store, redis.get(), System.nanoTime() - started).map(store));
  }

  private static EventBusOptions eventBusOptions(RegistryConfig config) {
    EventBusOptions options = new EventBusOptions().setHost(config.eventBusHost()).setPort(config.eventBusPort());
    config.eventBusPublicHost().ifPresent(options::setClusterPublicHost);
    return options;
  }

  /** Turns not-ready first (so a load balancer drains this node), then leaves the cluster and stops. */
  public Future<Void> stop() {
    readiness.notReady("shutting down");
    return vertx.close().eventually(() -> {
      redis.ifPresent(RedisModelStore::close);
      return Future.succeededFuture();
    });
  }

  public RegistryConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  /** The registry as HTTP sees it, for in-process callers. */
  public ModelRegistry registry() {
    return registry;
  }

  public Readiness readiness() {
    return readiness;
  }

  /** How long opening the models map took at start: with Redis, the cluster's eager load and its check. */
  public Duration modelsOpenTime() {
    return modelsOpenTime;
  }
}
