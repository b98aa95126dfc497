package io.sophra.registry.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * Serves the HTTP API. Deployed once per core; the instances share the listening port and one
 * {@link ConnectionLimit}. Idle connections are closed after {@code MODEL_REGISTRY_HTTP_IDLE_TIMEOUT}.
 * Its start completes only once the server listens, so a port clash fails start-up. With TLS
 * ({@link ServerTls}) it serves HTTPS only and reloads a renewed certificate ({@link CertificateReload}).
 * While the node drains it closes its keep-alive connections ({@link DrainingConnections}); its stop
 * lets the answers in flight finish, up to the shutdown grace, instead of cutting them.
 */
public final class ApiVerticle extends VerticleBase {

  public static final String OPENAPI_RESOURCE = "openapi.yaml";

  private final ApiServices services;
  private final ServerSetup setup;
  private HttpServer server;

  public ApiVerticle(ApiServices services, ServerSetup setup) {
    this.services = services;
    this.setup = setup;
  }

  @Override
  public Future<?> start() {
    DrainingConnections draining = new DrainingConnections(services.readiness());
    draining.start(context, setup.drainDelay());
    HttpServerOptions options = new HttpServerOptions().setHost(setup.http().host()).setPort(setup.http().port())
        .setIdleTimeout((int) setup.http().idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    setup.tls().ifPresent(material -> material.applyTo(options));
    ConnectionLimit limit = setup.limit();
    DirectModelGet lookups = new DirectModelGet(services);
    DirectAliasResolve resolutions = new DirectAliasResolve(services);
    return vertx.fileSystem().readFile(OPENAPI_RESOURCE)
        .map(document -> ApiRoutes.create(vertx, services, document, setup.http().maxBodySize()))
        .compose(router -> {
          server = vertx.createHttpServer(options)
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
                if (draining.admit(request) && !lookups.serve(request) && !resolutions.serve(request)) {
                  router.handle(request);
                }
              });
          return server.listen();
        })
        .onSuccess(listening -> CertificateReload.watch(vertx, setup.tlsSettings(), setup.tls(), listening));
  }

  /** Stops accepting connections, lets the requests in flight be answered, then closes. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(setup.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
  }
}
