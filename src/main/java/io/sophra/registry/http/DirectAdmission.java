package io.sophra.registry.http;

import io.sophra.registry.registry.Caller;
import io.sophra.registry.security.Operation;
import io.sophra.registry.security.PermissionCheck;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a route served without the router ({@link DirectModelGet}, {@link DirectAliasResolve}) asks of
 * a request before taking it, and the one step it takes first when it does: a bearer token this node
 * has verified before, whose caller holds the operation's permission; then the request's id and access
 * line under the route's template. A request that fails the test is left untouched for the router,
 * which verifies the token, refuses it, or counts the refusal as for every route.
 */
final class DirectAdmission {

  private final BearerAuthentication authentication;
  private final PermissionCheck permissions;
  private final AccessLog accessLog;

  DirectAdmission(ApiServices services) {
    this.authentication = services.authentication();
    this.permissions = services.permissions();
    this.accessLog = services.accessLog();
  }

  /** The metrics of a {@code GET} route served directly, under the router's own template. */
  RequestMetrics.Route route(String template) {
    return accessLog.route(template, HttpMethod.GET);
  }

  /** The caller of {@code request}, or null when the router must see it: no token verified before, or no permission. */
  Caller admit(HttpServerRequest request, Operation operation) {
    Caller caller = authentication.knownCaller(request);
    return caller != null && permissions.permits(caller, operation) ? caller : null;
  }

  /** Takes the request: its id and access line, as the router gives every request it serves. */
  void take(HttpServerRequest request, RequestMetrics.Route route, Caller caller) {
    accessLog.served(request, route, caller);
  }
}
