package io.sophra.registry.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The route template a request was served by ({@code /v1/models/:id}, never the raw path, so the
 * access log has a bounded set of routes and no client text in that field), found from the router's
 * own routes in the router's order: an exact route of the request's method, else an exact route of
 * its path (a 405), else a prefix route ({@code /docs/*}), else {@value #UNMATCHED}. It is looked up
 * when the line is written, because by then a failed request's current route is the failure
 * handler's, which has no path.
 */
final class RouteTemplates {

  static final String UNMATCHED = "unmatched";

  private record Template(String path, String[] segments, Set<HttpMethod> methods) {
  }

  private final List<Template> exact = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();

  RouteTemplates(Router router) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null) {
        continue; // a route without a path, or one given by a regular expression
      }
      if (route.isExactPath()) {
        exact.add(new Template(path, path.split("/", -1), route.methods()));
      } else {
        prefixes.add(path.endsWith("/") ? path : path + "/");
      }
    }
  }

  String of(HttpMethod method, String path) {
    if (path == null) {
      return UNMATCHED;
    }
    String[] segments = path.split("/", -1);
    String pathOnly = null;
    for (Template template : exact) {
      if (matches(template.segments(), segments)) {
        if (template.methods().isEmpty() || template.methods().contains(method)) {
          return template.path();
        }
        if (pathOnly == null) {
          pathOnly = template.path();
        }
      }
    }
    if (pathOnly != null) {
      return pathOnly;
    }
    for (String prefix : prefixes) {
      if (path.startsWith(prefix)) {
        return prefix + "*";
      }
    }
    return UNMATCHED;
  }

  private static boolean matches(String[] template, String[] path) {
    if (template.length != path.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      boolean parameter = template[i].startsWith(":") && !path[i].isEmpty();
      if (!parameter && !template[i].equals(path[i])) {
        return false;
      }
    }
    return true;
  }
}
