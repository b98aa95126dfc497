package io.sophra.registry;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry node: a clustered Vert.x whose Hazelcast member holds the models, the registry
 * service over it, and the HTTP API. Several can live in one JVM (the cluster tests do).
 *
 * <p>The registry is wired as DESIGN.md "Rooms" says: http → security → events → grid, each a
 * decorator of {@link ModelRegistry} taking the caller along.
 */
public final class RegistryNode {

  private static final long SAFETY_POLL_MILLIS = 100;
  private static final int STORE_ATTEMPTS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(RegistryNode.class);

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
    return wiredOrClosed(built, vertx -> wire(config, vertx, clusterManager.getHazelcastInstance()));
  }

  /**
   * Wires a freshly built clustered Vert.x; if that fails, closes it and fails with the first cause.
   * The result is a plain promise: a Future bound to one of the closing Vert.x's contexts would
   * never hear that Vert.x closed (its event loops are gone), and start-up would hang.
   */
  static <T> Future<T> wiredOrClosed(Future<Vertx> built, Function<Vertx, Future<T>> wiring) {
    Promise<T> result = Promise.promise();
    built.onFailure(result::fail).onSuccess(vertx -> wiring.apply(vertx)
        .onSuccess(result::complete)
        .onFailure(failure -> vertx.close().onComplete(closed -> result.fail(failure))));
    return result.future();
  }

  private static Future<RegistryNode> wire(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast) {
    return createStore(config, vertx, hazelcast, 1).compose(store -> {
      Readiness readiness = new Readiness();
      ModelRegistry registry = EventPublishingRegistry.create(store, vertx.eventBus());
      AnonymousAccess authentication = new AnonymousAccess(Caller.system("anonymous"));
      DeploymentOptions api = new DeploymentOptions().setInstances(config.effectiveHttpInstances());
      readiness.notReady("waiting for the cluster to be safe");
      return vertx.deployVerticle(() -> new ApiVerticle(registry, authentication, readiness,
              config.httpHost(), config.httpPort(), config.maxBodySize()), api)
          .compose(deployed -> ClusterSafety.await(vertx, () -> hazelcast.getPartitionService().isClusterSafe(),
              SAFETY_POLL_MILLIS))
          .map(safe -> {
            requireMembership(readiness, hazelcast);
            readiness.ready();
            return new RegistryNode(config, vertx, hazelcast, registry, readiness);
          });
    });
  }

  /**
   * Creates the grid store on a worker thread: creating a map proxy blocks, and while a member joins
   * it can fail with an indeterminate state (the proxy adds the map's indexes on every partition,
   * racing the join's migrations), in which case it is simply tried again.
   */
  private static Future<GridModelRegistry> createStore(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast,
      int attempt) {
    return vertx.executeBlocking(() -> GridModelRegistry.create(vertx, hazelcast, config.maxModels(),
            config.requestTimeout()), false)
        .recover(failure -> {
          if (!(failure instanceof HazelcastException) || attempt >= STORE_ATTEMPTS) {
            return Future.failedFuture(failure);
          }
          LOG.warn("Creating the models map failed ({}); trying again", failure.toString());
          return vertx.timer(200L * attempt).compose(waited -> createStore(config, vertx, hazelcast, attempt + 1));
        });
  }

  /** Ready only while this member runs and is not merging into another cluster after a network split. */
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
    readiness.notReady("shutting down");
    long drainMillis = config.drainDelay().toMillis();
    if (drainMillis <= 0) {
      return vertx.close();
    }
    // A plain promise: a Future bound to one of this Vert.x's contexts would never hear that Vert.x closed.
    Promise<Void> stopped = Promise.promise();
    vertx.setTimer(drainMillis, drained -> vertx.close().onComplete(stopped));
    return stopped.future();
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
