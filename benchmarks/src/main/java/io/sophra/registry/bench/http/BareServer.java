package io.sophra.registry.bench.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

/**
 * The HTTP baseline: a bare Vert.x server, no router, no token check, no registry, that answers every
 * request with one captured response of the registry. Deployed with as many instances as the node's
 * API verticle, on loopback, so both servers have the same event loops to work with.
 */
public final class BareServer extends VerticleBase {

  private final int port;
  private final CapturedResponse response;

  private BareServer(int port, CapturedResponse response) {
    this.port = port;
    this.response = response;
  }

  /** Deploys {@code instances} servers sharing {@code port}; completes once they listen. */
  public static Future<String> deploy(Vertx vertx, int port, CapturedResponse response, int instances) {
    return vertx.deployVerticle(() -> new BareServer(port, response), new DeploymentOptions().setInstances(instances));
  }

  @Override
  public Future<?> start() {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port));
    return server.requestHandler(request -> {
      HttpServerResponse answer = request.response().setStatusCode(response.status());
      answer.headers().addAll(response.headers());
      answer.end(response.body());
    }).listen();
  }
}
