package io.sophra.registry.http;

import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the HTTP API. Deployed once per core; the instances share the listening port. Its start
 * completes only once the server listens, so a port clash fails start-up.
 */
public final class ApiVerticle extends VerticleBase {

  public static final String OPENAPI_RESOURCE = "openapi.yaml";

  private final ModelRegistry registry;
  private final Handler<RoutingContext> authentication;
  private final Readiness readiness;
  private final String host;
  private final int port;
  private final int maxBodySize;
  private HttpServer server;

  public ApiVerticle(ModelRegistry registry, Handler<RoutingContext> authentication, Readiness readiness,
      String host, int port, int maxBodySize) {
    this.registry = registry;
    this.authentication = authentication;
    this.readiness = readiness;
    this.host = host;
    this.port = port;
    this.maxBodySize = maxBodySize;
  }

  @Override
  public Future<?> start() {
    return vertx.fileSystem().readFile(OPENAPI_RESOURCE)
        .map(document -> ApiRoutes.create(vertx, registry, authentication, readiness, document, maxBodySize))
        .compose(router -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(router)
            .listen())
        .onSuccess(listening -> server = listening);
  }

  /** The port this instance listens on (useful when configured with 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
