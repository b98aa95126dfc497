package io.sophra.registry.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.LogSettings;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.security.PermissionCheck;
import io.sophra.registry.security.Refusals;
import io.sophra.registry.security.RolePermissions;
import io.sophra.registry.support.Futures;
import io.sophra.registry.tokens.TokenSetup;
import io.sophra.registry.tokens.TokenVerifier;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A direct route's test bench: an HTTP server on the node's Vert.x whose requests go to the route, and
 * to a stand-in for the router answering {@link #ROUTER} when the route leaves them; its own token
 * verifier (which has verified nothing yet) and meters, so a test sees exactly what the route did.
 */
final class DirectRouteFixture {

  static final int ROUTER = 599;

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TokenVerifier verifier;
  final HttpServer server;

  /** {@code route} made from services over the node's registry and aliases, served on a free port. */
  DirectRouteFixture(RegistryNode node, Function<ApiServices, Predicate<HttpServerRequest>> route) {
    RegistryConfig config = node.config();
    verifier = TokenVerifier.create(node.vertx(), TokenSetup.resolve(config).rules(),
        RolePermissions.of(config.roles()), TokenSetup.pool(config), meters);
    Refusals refusals = new Refusals(meters, 10);
    ApiServices services = new ApiServices(node.registry(), null,
        new BearerAuthentication(verifier, refusals, new ClientAddress(List.of())), new PermissionCheck(refusals),
        null, node.readiness(), node.aliases(), null,
        new AccessLog(new LogSettings(LogSettings.Format.TEXT, true, false), meters), null, null, ModelBodies.create());
    Predicate<HttpServerRequest> served = route.apply(services);
    server = Futures.await(node.vertx().createHttpServer().requestHandler(request -> {
      if (!served.test(request)) {
        request.response().setStatusCode(ROUTER).end("router");
      }
    }).listen(0, "127.0.0.1"));
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Verifies {@code token} as the router's authentication step does for its first request. */
  void known(String token) {
    Futures.await(verifier.verifyAuthorization("Bearer " + token, "Bearer ".length()));
  }

  void close() {
    Futures.await(server.close());
  }
}
