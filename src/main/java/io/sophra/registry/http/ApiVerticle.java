package io.sophra.registry.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

/**
 * Serves the HTTP API. Deployed once per core; the instances share the listening port. Its start
 * completes only once the server listens, so a port clash fails start-up.
 */
public final class ApiVerticle extends VerticleBase {

  public static final String OPENAPI_RESOURCE = "openapi.yaml";

  private final ApiServices services;
  private final String host;
  private final int port;
  private final int maxBodySize;

  public ApiVerticle(ApiServices services, String host, int port, int maxBodySize) {
    this.services = services;
    this.host = host;
    this.port = port;
    this.maxBodySize = maxBodySize;
  }

  @Override
  public Future<?> start() {
    return vertx.fileSystem().readFile(OPENAPI_RESOURCE)
        .map(document -> ApiRoutes.create(vertx, services, document, maxBodySize))
        .compose(router -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .invalidRequestHandler(InvalidRequests::answer)
            .requestHandler(router)
            .listen());
  }
}
