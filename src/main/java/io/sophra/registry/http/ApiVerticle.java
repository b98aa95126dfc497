package io.sophra.registry.http;

import io.sophra.registry.config.HttpSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serves the HTTP API. Deployed once per core; the instances share the listening port and one
 * {@link ConnectionLimit}. Idle connections are closed after {@code MODEL_REGISTRY_HTTP_IDLE_TIMEOUT}.
 * Its start completes only once the server listens, so a port clash fails start-up. While the node
 * drains it closes its keep-alive connections ({@link DrainingConnections}); its stop lets the answers
 * in flight finish, up to {@code shutdownGrace}, instead of cutting them.
 */
public final class ApiVerticle extends VerticleBase {

  public static final String OPENAPI_RESOURCE = "openapi.yaml";

  private final ApiServices services;
  private final HttpSettings http;
  private final ConnectionLimit limit;
  private final Duration drainDelay;
  private final Duration shutdownGrace;
  private HttpServer server;

  /**
   * @param drainDelay how long the node drains before it stops (MODEL_REGISTRY_DRAIN_DELAY)
   * @param shutdownGrace how long the requests in flight may take to finish once it stops
   */
  public ApiVerticle(ApiServices services, HttpSettings http, ConnectionLimit limit, Duration drainDelay,
      Duration shutdownGrace) {
    this.services = services;
    this.http = http;
    this.limit = limit;
    this.drainDelay = drainDelay;
    this.shutdownGrace = shutdownGrace;
  }

  @Override
  public Future<?> start() {
    DrainingConnections draining = new DrainingConnections(services.readiness());
    draining.start(context, drainDelay);
    return vertx.fileSystem().readFile(OPENAPI_RESOURCE)
        .map(document -> ApiRoutes.create(vertx, services, document, http.maxBodySize()))
        .compose(router -> {
          server = vertx.createHttpServer(new HttpServerOptions().setHost(http.host()).setPort(http.port())
                  .setIdleTimeout((int) http.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
              .connectionHandler(connection -> {
                if (limit.admit(connection)) {
                  draining.connected(connection);
                  connection.closeHandler(closed -> {
                    limit.closed();
                    draining.closed(connection);
                  });
                }
              })
              .invalidRequestHandler(InvalidRequests::answer)
              .requestHandler(request -> {
                if (draining.admit(request)) {
                  router.handle(request);
                }
              });
          return server.listen();
        });
  }

  /** Stops accepting connections, lets the requests in flight be answered, then closes. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
  }
}
