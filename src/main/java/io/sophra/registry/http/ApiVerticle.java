package io.sophra.registry.http;

import io.sophra.registry.config.HttpSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * Serves the HTTP API. Deployed once per core; the instances share the listening port and one
 * {@link ConnectionLimit}. Idle connections are closed after {@code MODEL_REGISTRY_HTTP_IDLE_TIMEOUT}.
 * Its start completes only once the server listens, so a port clash fails start-up.
 */
public final class ApiVerticle extends VerticleBase {

  public static final String OPENAPI_RESOURCE = "openapi.yaml";

  private final ApiServices services;
  private final HttpSettings http;
  private final ConnectionLimit connections;

  public ApiVerticle(ApiServices services, HttpSettings http, ConnectionLimit connections) {
    this.services = services;
    this.http = http;
    this.connections = connections;
  }

  @Override
  public Future<?> start() {
    return vertx.fileSystem().readFile(OPENAPI_RESOURCE)
        .map(document -> ApiRoutes.create(vertx, services, document, http.maxBodySize()))
        .compose(router -> vertx.createHttpServer(new HttpServerOptions().setHost(http.host()).setPort(http.port())
                .setIdleTimeout((int) http.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
            .connectionHandler(connections)
            .invalidRequestHandler(InvalidRequests::answer)
            .requestHandler(router)
            .listen());
  }
}
