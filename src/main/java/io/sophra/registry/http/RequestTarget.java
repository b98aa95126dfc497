package io.sophra.registry.http;

import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The first step of every request: its path and query must be well-formed percent-encoding (each
 * {@code %} followed by two hexadecimal digits), else 400 naming the part (the query parameter, when
 * its name can be read). vertx-web decodes both lazily, deep inside routing and
 * {@code RoutingContext.queryParams()}, where a bad escape would surface as an unexpected exception;
 * after this step every later decode is safe. It costs one scan of the request target.
 */
final class RequestTarget {

  static final String ESCAPE_RULE = "is not well-formed: '%' must be followed by two hexadecimal digits";

  private RequestTarget() {
  }

  static void check(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null && !wellEscaped(path)) {
      ctx.fail(new HttpProblem(ProblemType.VALIDATION, "the request path " + ESCAPE_RULE));
      return;
    }
    String query = ctx.request().query();
    if (query != null && !wellEscaped(query)) {
      ctx.fail(HttpProblem.invalid(badParameter(query), ESCAPE_RULE));
      return;
    }
    ctx.next();
  }

  static boolean wellEscaped(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  /** The name of the first query parameter with a bad escape, or {@code query} when the name itself is bad. */
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
