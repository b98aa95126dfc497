package io.sophra.registry.bench.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTTP baseline: a bare Vert.x server, no router, no token check, no registry, that answers every
 * request with one captured response of the registry. Deployed with as many instances as the node's
 * API verticle, on loopback, so both servers have the same event loops to work with.
 *
 * <p>With {@code workNanos} it first keeps its event loop busy that long per request (a reference of
 * the load run, never a baseline): what a server that costs that much more CPU per request than the
 * bare one does to the throughput and the tail at saturation, on the same machine in the same run.
 *
 * <p>Deployed {@linkplain #deployPerPath per path}, it answers each path with the registry's own response
 * to that path (another reference, never a baseline): the bytes of as many different models as the load
 * asks for, found by one hash lookup, and still none of the registry's work; a path it does not hold
 * gets a 404, which the load counts as an error.
 */
public final class BareServer extends VerticleBase {

  private final int port;
  private final Function<HttpServerRequest, CapturedResponse> responses;
  private final long workNanos;

  private BareServer(int port, Function<HttpServerRequest, CapturedResponse> responses, long workNanos) {
    this.port = port;
    this.responses = responses;
    this.workNanos = workNanos;
  }

  /** Deploys {@code instances} servers sharing {@code port}; completes once they listen. */
  public static Future<String> deploy(Vertx vertx, int port, CapturedResponse response, int instances) {
    return deploy(vertx, port, response, instances, 0);
  }

  /** As {@link #deploy(Vertx, int, CapturedResponse, int)}, each request first costing {@code workNanos} of CPU. */
  public static Future<String> deploy(Vertx vertx, int port, CapturedResponse response, int instances,
      long workNanos) {
    return vertx.deployVerticle(() -> new BareServer(port, request -> response, workNanos),
        new DeploymentOptions().setInstances(instances));
  }

  /** Deploys {@code instances} servers sharing {@code port}, answering each path of {@code byPath} with its response. */
  public static Future<String> deployPerPath(Vertx vertx, int port, Map<String, CapturedResponse> byPath,
      int instances) {
    Map<String, CapturedResponse> responses = Map.copyOf(byPath);
    // only this server reads the path: the one-response baseline does no per-request work of its own
    return vertx.deployVerticle(() -> new BareServer(port, request -> responses.get(request.path()), 0),
        new DeploymentOptions().setInstances(instances));
  }

  @Override
  public Future<?> start() {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port));
    return server.requestHandler(request -> {
      if (workNanos > 0) {
        busy(workNanos);
      }
      CapturedResponse response = responses.apply(request);
      if (response == null) {
        request.response().setStatusCode(404).end();
        return;
      }
      HttpServerResponse answer = request.response().setStatusCode(response.status());
      answer.headers().addAll(response.headers());
      answer.end(response.body());
    }).listen();
  }

  /** Keeps the calling thread on its CPU for {@code nanos}: work, as the scheduler sees it. */
  static void busy(long nanos) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      Thread.onSpinWait();
    }
  }
}
