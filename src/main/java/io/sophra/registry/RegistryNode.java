package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.keys.DevelopmentBanner;
import io.sophra.registry.keys.TokenSetup;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.events.EventPublishingRegistry;
import io.sophra.registry.grid.GridAuditLog;
import io.sophra.registry.grid.GridConfig;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.http.ApiServices;
import io.sophra.registry.http.ApiVerticle;
import io.sophra.registry.http.BearerAuthentication;
import io.sophra.registry.http.Readiness;
import io.sophra.registry.http.TokenVerifier;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.persistence.RedisModelStore;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.security.AuditQueries;
import io.sophra.registry.security.Refusals;
import io.sophra.registry.security.RolePermissions;
import io.sophra.registry.security.SecuredRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.Optional;

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
  private final Services services;
  private final Optional<RedisModelStore> redis;
  private final Duration modelsOpenTime;

  /** What the node serves, built once the grid is open. */
  private record Services(ModelRegistry registry, AuditQueries audit, Readiness readiness,
      PrometheusMeterRegistry meters) {
  }

  /** The grid's structures; getting them creates proxies and indexes cluster-wide, which blocks. */
  private record Grid(GridModelRegistry models, GridAuditLog audit, Duration modelsOpenTime) {
  }

  private RegistryNode(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast, Services services,
      Optional<RedisModelStore> redis, Duration modelsOpenTime) {
    this.config = config;
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.services = services;
    this.redis = redis;
    this.modelsOpenTime = modelsOpenTime;
  }

  /**
   * Joins the cluster, builds the registry and deploys the API; the Future completes once the node is
   * ready for traffic, or fails with the first thing that went wrong (nothing is left running then).
   * With Redis persistence, Redis is connected first and the models are loaded from it before the API
   * listens. With no token key configured the node runs in development mode (see
   * {@link DevelopmentMode}): HTTP on 127.0.0.1 whatever MODEL_REGISTRY_HTTP_HOST says, and a loud
   * warning with an admin token.
   */
  public static Future<RegistryNode> start(RegistryConfig configured, VertxOptions options) {
    TokenSetup tokens;
    try {
      tokens = TokenSetup.resolve(configured);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    RegistryConfig config = tokens.developmentMode() ? configured.withHttp(configured.http().withHost("127.0.0.1")) : configured;
    return RedisStartup.connect(config)
        .compose(redis -> startMember(config, tokens, options, redis)
            .onFailure(failure -> redis.ifPresent(RedisModelStore::close)))
        .onSuccess(node -> {
          if (tokens.developmentMode()) {
            DevelopmentBanner.print(config, tokens);
          }
        });
  }

  private static Future<RegistryNode> startMember(RegistryConfig config, TokenSetup tokens, VertxOptions options,
      Optional<RedisModelStore> redis) {
    HazelcastClusterManager clusterManager;
    try {
      Optional<MapStore<String, ModelConfig>> store = redis.map(redisStore -> redisStore);
      clusterManager = new HazelcastClusterManager(GridConfig.build(config, store));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    options.setEventBusOptions(eventBusOptions(config)).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    Future<Vertx> built = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(meters))
        .withClusterManager(clusterManager).buildClustered();
    return NodeLifecycle.wiredOrClosed(built,
        vertx -> wire(config, tokens, meters, vertx, clusterManager.getHazelcastInstance(), redis));
  }

  private static Future<RegistryNode> wire(RegistryConfig config, TokenSetup tokens, PrometheusMeterRegistry meters,
      Vertx vertx, HazelcastInstance hazelcast, Optional<RedisModelStore> redis) {
    Readiness readiness = new Readiness();
    readiness.notReady(redis.isPresent() ? "loading the models from Redis" : "starting");
    return NodeLifecycle.awaitMajority(vertx, hazelcast, readiness)
        .compose(majority -> openGrid(config, vertx, hazelcast, redis))
        .compose(grid -> serve(config, tokens, vertx, grid, readiness, meters)
            .compose(services -> NodeLifecycle.readyOnceClusterSafe(vertx, hazelcast, readiness).map(services))
            .map(services -> new RegistryNode(config, vertx, hazelcast, services, redis, grid.modelsOpenTime())));
  }

  /**
   * Opens the maps on a worker thread, retrying a join-time failure (see NodeLifecycle): with Redis,
   * opening the models map waits for the eager load.
   */
  private static Future<Grid> openGrid(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast,
      Optional<RedisModelStore> redis) {
    long opening = System.nanoTime();
    return NodeLifecycle.openGrid(vertx, () -> GridModelRegistry.create(vertx, hazelcast, config.node().maxModels(),
            config.node().requestTimeout()))
        .compose(models -> redis.isEmpty() ? Future.succeededFuture(models)
            : RedisStartup.confirmLoad(vertx, models, redis.get(), System.nanoTime() - opening).map(models))
        .compose(models -> {
          Duration openTime = Duration.ofNanos(System.nanoTime() - opening);
          return NodeLifecycle.openGrid(vertx, () -> new Grid(models,
              GridAuditLog.create(vertx, hazelcast, config.audit().retention(), config.node().requestTimeout()), openTime));
        });
  }

  /** The decorators, outermost first: http → security (check, audit) → events (publish) → grid. */
  private static Future<Services> serve(RegistryConfig config, TokenSetup tokens, Vertx vertx, Grid grid,
      Readiness readiness, PrometheusMeterRegistry meters) {
    Refusals refusals = new Refusals(meters);
    ModelRegistry registry = SecuredRegistry.create(EventPublishingRegistry.create(grid.models(), vertx.eventBus()),
        grid.audit(), refusals);
    AuditQueries audit = AuditQueries.create(grid.audit(), refusals);
    TokenVerifier verifier = TokenVerifier.create(vertx, tokens.rules(), RolePermissions.of(config.roles()));
    ApiServices api = new ApiServices(registry, audit, new BearerAuthentication(verifier, refusals),
        PrometheusScrapingHandler.create(meters), readiness);
    DeploymentOptions instances = new DeploymentOptions().setInstances(config.http().effectiveInstances());
    Duration shutdownGrace = config.node().requestTimeout().plusSeconds(1);
    return vertx.deployVerticle(() -> new ApiVerticle(api, config.http().host(), config.http().port(),
            config.http().maxBodySize(), config.node().drainDelay(), shutdownGrace), instances)
        .map(deployed -> new Services(registry, audit, readiness, meters));
  }

  /** Where this process's event bus listens and how the others reach it (nodes and subscribers alike). */
  static EventBusOptions eventBusOptions(RegistryConfig config) {
    EventBusOptions options = new EventBusOptions().setHost(config.eventBus().host()).setPort(config.eventBus().port());
    config.eventBus().publicHost().ifPresent(options::setClusterPublicHost);
    return options;
  }

  /**
   * Turns not-ready first and keeps serving for the drain delay ({@code MODEL_REGISTRY_DRAIN_DELAY}),
   * so a load balancer polling {@code /health/ready} stops sending traffic here; then stops the HTTP
   * server, leaves the cluster (its partitions migrate to the others), and closes Redis.
   */
  public Future<Void> stop() {
    return NodeLifecycle.drainThenClose(vertx, services.readiness(), config.node().drainDelay()).eventually(() -> {
      redis.ifPresent(RedisModelStore::close);
      return Future.succeededFuture();
    });
  }

  /** The configuration in effect (in development mode, HTTP bound to 127.0.0.1). */
  public RegistryConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  /** The registry as HTTP sees it (permission-checked and audited), for in-process callers. */
  public ModelRegistry registry() {
    return services.registry();
  }

  /** The audit log's reads, checked for READ_AUDIT like every registry call. */
  public AuditQueries audit() {
    return services.audit();
  }

  public Readiness readiness() {
    return services.readiness();
  }

  /** This node's meters, served at {@code GET /metrics}. */
  public PrometheusMeterRegistry meters() {
    return services.meters();
  }

  /** How long opening the models map took at start: with Redis, the cluster's eager load and its check. */
  public Duration modelsOpenTime() {
    return modelsOpenTime;
  }
}
