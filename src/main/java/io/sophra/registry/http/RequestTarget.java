package io.sophra.registry.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The percent-encoding of a request's path and query: each {@code %} must be followed by two
 * hexadecimal digits, else 400. vertx-web decodes both lazily — the path while matching routes, the
 * query in {@code RoutingContext.queryParams()} — where a bad escape surfaces as an unexpected
 * exception. So the path is checked as the router's first step (nothing can be routed without it),
 * and the query when a handler reads it, after authentication and the permission check, naming the
 * parameter whose value (or name) is malformed. Each check is one scan of the text.
 */
final class RequestTarget {

  static final String ESCAPE_RULE = "is not well-formed: '%' must be followed by two hexadecimal digits";

  private RequestTarget() {
  }

  /** The router's first step: a malformed path is a 400 before any route decodes it. */
  static void checkPath(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null && !wellEscaped(path)) {
      ctx.fail(new HttpProblem(ProblemType.VALIDATION, "the request path " + ESCAPE_RULE));
    } else {
      ctx.next();
    }
  }

  /** The decoded query parameters. @throws HttpProblem (400) naming the first malformed parameter */
  static MultiMap queryParams(RoutingContext ctx) {
    queryProblem(ctx.request().query()).ifPresent(problem -> {
      throw problem;
    });
    return ctx.queryParams();
  }

  /**
   * The 400 naming the first malformed parameter of {@code query}, if any. Also asked by the router's
   * 400 handler: on a route with path parameters vertx-web decodes the query while matching the route
   * (after authentication, before the route's permission step) and fails with a bare 400.
   */
  static Optional<HttpProblem> queryProblem(String query) {
    return query != null && !wellEscaped(query) ? Optional.of(HttpProblem.invalid(badParameter(query), ESCAPE_RULE))
        : Optional.empty();
  }

  static boolean wellEscaped(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  /** The name of the first parameter with a bad escape (separators as vertx-web's decoder reads them), or {@code query}. */
  private static String badParameter(String query) {
    for (String pair : query.split("[&;]")) {
      if (!wellEscaped(pair)) {
        String name = pair.split("=", 2)[0];
        return !name.isEmpty() && wellEscaped(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : "query";
      }
    }
    return "query";
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
