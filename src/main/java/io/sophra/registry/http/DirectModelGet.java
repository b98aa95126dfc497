package io.sophra.registry.http;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.security.Operation;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * {@code GET /v1/models/{id}}, the search service's hot path, served without the router when the
 * request is an ordinary one: no query string; a path of a well-formed id with nothing to decode; no
 * body; a bearer token this node has verified before; the caller's permission to read models; a
 * well-formed {@code If-None-Match} if any. Every other request (a refused one included) goes to the
 * router, which serves it as it serves every route. The choice is made before anything is done for the
 * request, so each request is served by exactly one of them, with the same steps: its id and access
 * line ({@link AccessLog}), the registry's read, the answer of {@link ModelHandlers#answer} and, if
 * the read fails, the problem {@link Problems} makes of the failure.
 *
 * <p>Design note. The router costs this route about 700 bytes and a few microseconds per request
 * (its routing context, route matching with a regular expression, the path parameter copied into the
 * request's parameters), a third of what the registry allocates per lookup beyond a bare server
 * answering the same bytes (benchmarks/README "What each optimisation bought").
 * {@code DirectModelGetTest} holds it to the router's answers.
 */
final class DirectModelGet {

  /** The route's template, as the router and the access log name it. */
  static final String ROUTE = "/v1/models/:id";
  private static final String PREFIX = "/v1/models/";

  private final ModelRegistry registry;
  private final ModelBodies bodies;
  private final DirectAdmission admission;
  private final RequestMetrics.Route metrics;

  DirectModelGet(ApiServices services) {
    this.registry = services.registry();
    this.bodies = services.bodies();
    this.admission = new DirectAdmission(services);
    this.metrics = admission.route(ROUTE);
  }

  /** Serves {@code request} and answers true, or answers false having done nothing: the router serves it. */
  boolean serve(HttpServerRequest request) {
    Optional<ModelId> id = ordinaryId(request);
    if (id.isEmpty() || ApiRoutes.declaresBody(request)) {
      return false;
    }
    Caller caller = admission.admit(request, Operation.GET_MODEL);
    if (caller == null) {
      return false;
    }
    Optional<String> ifNoneMatch;
    try {
      ifNoneMatch = Requests.ifNoneMatch(request);
    } catch (HttpProblem malformed) {
      return false;
    }
    admission.take(request, metrics, caller);
    registry.getModel(caller, id.get()).onComplete(
        model -> ModelHandlers.answer(request.response(), bodies.of(model), ifNoneMatch),
        failure -> Problems.fail(request, failure));
    return true;
  }

  /** The id of a {@code GET} of one model whose path needs no decoding and that has no query string. */
  private static Optional<ModelId> ordinaryId(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET || request.query() != null) {
      return Optional.empty();
    }
    String path = request.path();
    if (path == null || !path.startsWith(PREFIX) || path.indexOf('/', PREFIX.length()) >= 0
        || path.indexOf('%', PREFIX.length()) >= 0) {
      return Optional.empty();
    }
    return ModelId.parse(path.substring(PREFIX.length()));
  }
}
