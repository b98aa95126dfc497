package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.tokens.DevelopmentBanner;
import io.sophra.registry.tokens.TokenSetup;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.events.AliasEventPublisher;
import io.sophra.registry.events.EventPublishingRegistry;
import io.sophra.registry.grid.GridConfig;
import io.sophra.registry.http.AccessLog;
import io.sophra.registry.http.ApiServices;
import io.sophra.registry.http.ApiVerticle;
import io.sophra.registry.http.BearerAuthentication;
import io.sophra.registry.http.ConnectionLimit;
import io.sophra.registry.http.ModelBodies;
import io.sophra.registry.http.ClientAddress;
import io.sophra.registry.http.Readiness;
import io.sophra.registry.http.ServerSetup;
import io.sophra.registry.http.ServerTls;
import io.sophra.registry.tokens.TokenVerifier;
import io.sophra.registry.metrics.ModelMetrics;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.persistence.RedisModelStore;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.security.AuditQueries;
import io.sophra.registry.security.AuditTrail;
import io.sophra.registry.security.PermissionCheck;
import io.sophra.registry.security.Refusals;
import io.sophra.registry.security.SecuredAliasRegistry;
import io.sophra.registry.security.SecuredModelMetrics;
import io.sophra.registry.security.RolePermissions;
import io.sophra.registry.security.SecuredRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
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
      PrometheusMeterRegistry meters, AliasRegistry aliases, ModelMetrics metrics, ChangeFeed feed) {
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
   * listens. With no token key configured the node runs in development mode: HTTP, the Hazelcast
   * member and the event bus on 127.0.0.1 whatever the settings say, joining loopback members only
   * ({@link RegistryConfig#confinedToLoopback()}), and a loud warning with an admin token.
   */
  public static Future<RegistryNode> start(RegistryConfig configured, VertxOptions options) {
    TokenSetup tokens;
    try {
      tokens = TokenSetup.resolve(configured);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    RegistryConfig config = tokens.developmentMode() ? configured.confinedToLoopback() : configured;
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
    Optional<MapStore<String, ModelConfig>> store = redis.map(redisStore -> redisStore);
    try {
      GridConfig.build(config, store);
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    options.setEventBusOptions(eventBusOptions(config)).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        // the API records its requests itself (http.RequestMetrics), at a fraction of the cost per request
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER));
    Future<ClusterJoin.Joined> joined = ClusterJoin.join(
        () -> new HazelcastClusterManager(GridConfig.build(config, store)),
        manager -> Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(meters))
            .withClusterManager(manager).buildClustered());
    return NodeLifecycle.wiredOrClosed(joined.map(ClusterJoin.Joined::vertx),
        vertx -> wire(config, tokens, meters, vertx, joined.result().manager().getHazelcastInstance(), redis));
  }

  private static Future<RegistryNode> wire(RegistryConfig config, TokenSetup tokens, PrometheusMeterRegistry meters,
      Vertx vertx, HazelcastInstance hazelcast, Optional<RedisModelStore> redis) {
    Readiness readiness = new Readiness();
    readiness.notReady(redis.isPresent() ? "loading the models from Redis" : "starting");
    return NodeLifecycle.awaitMajority(vertx, hazelcast, readiness)
        .compose(majority -> NodeGrid.open(config, vertx, hazelcast, redis))
        .compose(grid -> serve(config, tokens, vertx, grid, readiness, meters)
            .compose(services -> NodeLifecycle.readyOnceClusterSafe(vertx, hazelcast, readiness).map(services))
            .map(services -> new RegistryNode(config, vertx, hazelcast, services, redis, grid.modelsOpenTime())));
  }

  /**
   * The decorators, outermost first: http → security (the permission check) → events (append to the
   * change log and, side by side with it, the audit's record; then publish) → grid; under the model
   * events, the aliases' guard (a model an alias routes to stays ready or error) and the metrics'
   * cascade (a deleted model's points go with it).
   */
  private static Future<Services> serve(RegistryConfig config, TokenSetup tokens, Vertx vertx, NodeGrid grid,
      Readiness readiness, PrometheusMeterRegistry meters) {
    return ChangeFeed.start(vertx, grid.changes(), config.feed(), meters)
        .compose(feed -> serve(config, tokens, vertx, grid, readiness, meters, feed));
  }

  private static Future<Services> serve(RegistryConfig config, TokenSetup tokens, Vertx vertx, NodeGrid grid,
      Readiness readiness, PrometheusMeterRegistry meters, ChangeFeed feed) {
    Refusals refusals = new Refusals(meters, config.audit().refusedLinesPerSecond());
    ModelRegistry dependents = grid.metrics().cascade(grid.aliases().guard(grid.models()));
    AuditTrail trail = AuditTrail.of(grid.audit());
    ModelRegistry registry = SecuredRegistry.create(EventPublishingRegistry.create(dependents, vertx.eventBus(),
        grid.changes(), trail.modelChanges(), trail.imports()), refusals);
    AliasRegistry aliases = SecuredAliasRegistry.create(AliasEventPublisher.create(grid.aliases(), vertx.eventBus(),
        grid.changes(), trail.aliasChanges()), refusals);
    ModelMetrics metrics = SecuredModelMetrics.create(grid.metrics(), refusals);
    AuditQueries audit = AuditQueries.create(grid.audit(), refusals);
    TokenVerifier verifier = TokenVerifier.create(vertx, tokens.rules(), RolePermissions.of(config.roles()),
        TokenSetup.pool(config), meters);
    BearerAuthentication authentication = new BearerAuthentication(verifier, refusals,
        new ClientAddress(config.http().trustedProxies()));
    ApiServices api = new ApiServices(registry, audit, authentication, new PermissionCheck(refusals),
        PrometheusScrapingHandler.create(meters), readiness, aliases, metrics, new AccessLog(config.logging(), meters),
        config.backup(), feed.streams(), ModelBodies.create());
    DeploymentOptions instances = new DeploymentOptions().setInstances(config.http().effectiveInstances());
    ConnectionLimit connections = new ConnectionLimit(config.http().maxConnections(), meters);
    Duration shutdownGrace = config.node().requestTimeout().plusSeconds(1);
    return vertx.executeBlocking(() -> ServerTls.load(vertx, config.tls()))
        .compose(tls -> vertx.deployVerticle(() -> new ApiVerticle(api, new ServerSetup(config.http(), connections,
            config.node().drainDelay(), shutdownGrace, config.tls(), tls)), instances))
        .map(deployed -> new Services(registry, audit, readiness, meters, aliases, metrics, feed));
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
    services.feed().stop();
    return NodeLifecycle.drainThenClose(vertx, services.readiness(), config.node().drainDelay()).eventually(() -> {
      redis.ifPresent(RedisModelStore::close);
      return Future.succeededFuture();
    });
  }

  /** The configuration in effect (in development mode, confined to 127.0.0.1). */
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

  /** The aliases as HTTP sees them (permission-checked, audited, published), for in-process callers. */
  public AliasRegistry aliases() {
    return services.aliases();
  }

  /** The models' metric points as HTTP sees them (permission-checked), for in-process callers. */
  public ModelMetrics metrics() {
    return services.metrics();
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
