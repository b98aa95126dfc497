package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.Persistence;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.grid.GridAuditLog;
import io.sophra.registry.grid.GridConfig;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.http.ApiServices;
import io.sophra.registry.http.ApiVerticle;
import io.sophra.registry.http.BearerAuthentication;
import io.sophra.registry.http.Readiness;
import io.sophra.registry.http.TokenVerifier;
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

/**
 * One registry node: a clustered Vert.x whose Hazelcast member holds the models, the registry
 * service over it, and the HTTP API. Several can live in one JVM (the cluster tests do).
 */
public final class RegistryNode {

  private final RegistryConfig config;
  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final ModelRegistry registry;
  private final AuditQueries audit;
  private final Readiness readiness;
  private final PrometheusMeterRegistry meters;

  private RegistryNode(RegistryConfig config, Vertx vertx, HazelcastInstance hazelcast, ModelRegistry registry,
      AuditQueries audit, Readiness readiness, PrometheusMeterRegistry meters) {
    this.config = config;
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.registry = registry;
    this.audit = audit;
    this.readiness = readiness;
    this.meters = meters;
  }

  /**
   * Joins the cluster, builds the registry and deploys the API; the Future completes once the node is
   * ready for traffic, or fails with the first thing that went wrong (nothing is left running then).
   * With no token key configured the node runs in development mode (see {@link DevelopmentMode}):
   * HTTP on 127.0.0.1 whatever MODEL_REGISTRY_HTTP_HOST says, and a loud warning with an admin token.
   */
  public static Future<RegistryNode> start(RegistryConfig configured, VertxOptions options) {
    if (configured.persistence() == Persistence.REDIS) {
      return Future.failedFuture(new ConfigException("MODEL_REGISTRY_PERSISTENCE: 'redis' is not available in"
          + " this version yet; use 'memory'"));
    }
    HazelcastClusterManager clusterManager;
    TokenSetup tokens;
    try {
      tokens = TokenSetup.resolve(configured);
      clusterManager = new HazelcastClusterManager(GridConfig.build(configured));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    RegistryConfig config = tokens.developmentMode() ? configured.withHttpHost("127.0.0.1") : configured;
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    options.setEventBusOptions(eventBusOptions(config)).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(meters))
        .withClusterManager(clusterManager).buildClustered()
        .compose(vertx -> wire(config, tokens, meters, vertx, clusterManager.getHazelcastInstance())
            .recover(failure -> abandon(vertx, failure)))
        .onSuccess(node -> {
          if (tokens.developmentMode()) {
            DevelopmentBanner.print(config, tokens);
          }
        });
  }

  /** The grid's structures; getting them creates proxies and indexes cluster-wide, which blocks. */
  private record Grid(GridModelRegistry models, GridAuditLog audit) {
  }

  private static Future<RegistryNode> wire(RegistryConfig config, TokenSetup tokens, PrometheusMeterRegistry meters,
      Vertx vertx, HazelcastInstance hazelcast) {
    return vertx.executeBlocking(() -> new Grid(
            GridModelRegistry.create(vertx, hazelcast, config.maxModels(), config.requestTimeout()),
            GridAuditLog.create(vertx, hazelcast, config.auditRetention(), config.requestTimeout())))
        .compose(grid -> serve(config, tokens, meters, vertx, hazelcast, grid));
  }

  /** The decorators, outermost first: http → security (check, audit) → grid. */
  private static Future<RegistryNode> serve(RegistryConfig config, TokenSetup tokens, PrometheusMeterRegistry meters,
      Vertx vertx, HazelcastInstance hazelcast, Grid grid) {
    Readiness readiness = new Readiness();
    Refusals refusals = new Refusals(meters);
    ModelRegistry registry = SecuredRegistry.create(grid.models(), grid.audit(), refusals);
    AuditQueries audit = AuditQueries.create(grid.audit(), refusals);
    TokenVerifier verifier = TokenVerifier.create(vertx, tokens.rules(), RolePermissions.of(config.roles()));
    ApiServices services = new ApiServices(registry, audit, new BearerAuthentication(verifier, refusals),
        PrometheusScrapingHandler.create(meters), readiness);
    DeploymentOptions api = new DeploymentOptions().setInstances(config.effectiveHttpInstances());
    return vertx.deployVerticle(() -> new ApiVerticle(services, config.httpHost(), config.httpPort(),
            config.maxBodySize()), api)
        .map(deployed -> {
          readiness.ready();
          return new RegistryNode(config, vertx, hazelcast, registry, audit, readiness, meters);
        });
  }

  /**
   * Fails the start at once and closes Vert.x in the background: waiting for the close from inside
   * the failed start would wait on an event loop that the close itself terminates.
   */
  private static Future<RegistryNode> abandon(Vertx vertx, Throwable failure) {
    vertx.close();
    return Future.failedFuture(failure);
  }

  private static EventBusOptions eventBusOptions(RegistryConfig config) {
    EventBusOptions options = new EventBusOptions().setHost(config.eventBusHost()).setPort(config.eventBusPort());
    config.eventBusPublicHost().ifPresent(options::setClusterPublicHost);
    return options;
  }

  /** Turns not-ready first (so a load balancer drains this node), then leaves the cluster and stops. */
  public Future<Void> stop() {
    readiness.notReady("shutting down");
    return vertx.close();
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
    return registry;
  }

  /** The audit log's reads, checked for READ_AUDIT like every registry call. */
  public AuditQueries audit() {
    return audit;
  }

  public Readiness readiness() {
    return readiness;
  }

  /** This node's meters, served at {@code GET /metrics}. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }
}
