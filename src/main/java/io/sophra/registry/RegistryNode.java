package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import io.sophra.registry.events.EventPublishingRegistry;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.Persistence;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.grid.GridConfig;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.http.AnonymousAccess;
import io.sophra.registry.http.ApiVerticle;
import io.sophra.registry.http.Readiness;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * One registry node: a clustered Vert.x whose Hazelcast member holds the models, the registry
 * service over it, and the HTTP API. Several can live in one JVM (the cluster tests do).
 *
 * <p>The registry is wired as DESIGN.md "Rooms" says: http → security → events → grid, each a
 * decorator of {@link ModelRegistry} taking the caller along.
 */
public final class RegistryNode {

  private final RegistryConfig config;
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final ModelRegistry registry;
  private final Readiness readiness;

  private RegistryNode(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast,
      ModelRegistry registry, Readiness readiness) {
    this.config = config;
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.readiness = readiness;
  }

  /**
   * Joins the cluster, builds the registry and deploys the API; the Future completes once the node is
   * ready for traffic, or fails with the first thing that went wrong (nothing is left running then).
   */
  public static Future<RegistryNode> start(RegistryConfig config, VertxOptions options) {
    if (config.persistence() == Persistence.REDIS) {
      return Future.failedFuture(new ConfigException("MODEL_REGISTRY_PERSISTENCE: 'redis' is not available in"
          + " this version yet; use 'memory'"));
    }
    HazelcastClusterManager clusterManager;
    try {
      clusterManager = new HazelcastClusterManager(GridConfig.build(config));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    options.setEventBusOptions(eventBusOptions(config));
    Future<Vertx> built = Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered();
    return NodeLifecycle.wiredOrClosed(built, vertx -> wire(config, vertx, clusterManager.getHazelcastInstance()));
  }

  private static Future<RegistryNode> wire(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast) {
    return NodeLifecycle.openGrid(vertx, () -> GridModelRegistry.create(vertx, hazelcast, config.maxModels(),
        config.requestTimeout())).compose(store -> {
          Readiness readiness = new Readiness();
          ModelRegistry registry = EventPublishingRegistry.create(store, vertx.eventBus());
          AnonymousAccess authentication = new AnonymousAccess(Caller.system("anonymous"));
          DeploymentOptions api = new DeploymentOptions().setInstances(config.effectiveHttpInstances());
          return vertx.deployVerticle(() -> new ApiVerticle(registry, authentication, readiness,
                  config.httpHost(), config.httpPort(), config.maxBodySize()), api)
              .compose(deployed -> NodeLifecycle.readyOnceClusterSafe(vertx, hazelcast, readiness))
              .map(ready -> new RegistryNode(config, vertx, hazelcast, registry, readiness));
        });
  }

  private static EventBusOptions eventBusOptions(RegistryConfig config) {
    EventBusOptions options = new EventBusOptions().setHost(config.eventBusHost()).setPort(config.eventBusPort());
    config.eventBusPublicHost().ifPresent(options::setClusterPublicHost);
    return options;
  }

  /**
   * Turns not-ready first and keeps serving for the drain delay ({@code MODEL_REGISTRY_DRAIN_DELAY}),
   * so a load balancer polling {@code /health/ready} stops sending traffic here; then stops the HTTP
   * server, leaves the cluster (its partitions migrate to the others) and stops.
   */
  public Future<Void> stop() {
    return NodeLifecycle.drainThenClose(vertx, readiness, config.drainDelay());
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
}
