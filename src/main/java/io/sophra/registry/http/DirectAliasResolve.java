package io.sophra.registry.http;

import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.alias.AliasRules;
import io.sophra.registry.failure.FieldError;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.security.Operation;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/aliases/{name}/resolve}, the search service's other hot path, served without the
 * router when the request is an ordinary one, on the same terms as {@link DirectModelGet}: a path of a
 * well-formed alias name with nothing to decode; no query string, or only {@code subject=} with a valid
 * subject that needs no decoding (no {@code %}, {@code +}, {@code &}, {@code ;} or {@code =} in it); no
 * body; a bearer token this node has verified before; the caller's permission to resolve aliases.
 * Every other request goes to the router. Served here or there, a request takes the same steps: its
 * id and access line, the registry's resolution, the answer of {@link AliasHandlers#answerResolution}
 * or the problem {@link Problems} makes of the failure.
 */
final class DirectAliasResolve {

  /** The route's template, as the router and the access log name it. */
  static final String ROUTE = "/v1/aliases/:name/resolve";
  private static final String PREFIX = "/v1/aliases/";
  private static final String SUFFIX = "/resolve";
  private static final String SUBJECT = "subject=";

  private final AliasRegistry aliases;
  private final ModelBodies bodies;
  private final DirectAdmission admission;
  private final RequestMetrics.Route metrics;

  DirectAliasResolve(ApiServices services) {
    this.aliases = services.aliases();
    this.bodies = services.bodies();
    this.admission = new DirectAdmission(services);
    this.metrics = admission.route(ROUTE);
  }

  /** Serves {@code request} and answers true, or answers false having done nothing: the router serves it. */
  boolean serve(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET) {
      return false;
    }
    Optional<AliasName> name = ordinaryName(request.path());
    if (name.isEmpty()) {
      return false;
    }
    Optional<Optional<String>> subject = ordinarySubject(request.query());
    if (subject.isEmpty() || ApiRoutes.declaresBody(request)) {
      return false;
    }
    Caller caller = admission.admit(request, Operation.RESOLVE_ALIAS);
    if (caller == null) {
      return false;
    }
    admission.take(request, metrics, caller);
    aliases.resolve(caller, name.get(), subject.get()).onComplete(
        resolution -> AliasHandlers.answerResolution(request.response(), bodies, resolution),
        failure -> Problems.fail(request, failure));
    return true;
  }

  private static Optional<AliasName> ordinaryName(String path) {
    if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
        || path.length() <= PREFIX.length() + SUFFIX.length()) {
      return Optional.empty();
    }
    String name = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
    return name.indexOf('/') >= 0 || name.indexOf('%') >= 0 ? Optional.empty() : AliasName.parse(name);
  }

  /**
   * Empty when the router must read the query; else the subject: none for no query string, or the one
   * {@code subject=} whose value reads the same decoded as sent and passes the subject's rules.
   */
  private static Optional<Optional<String>> ordinarySubject(String query) {
    if (query == null) {
      return Optional.of(Optional.empty());
    }
    if (!query.startsWith(SUBJECT)) {
      return Optional.empty();
    }
    String subject = query.substring(SUBJECT.length());
    for (int at = 0; at < subject.length(); at++) {
      char c = subject.charAt(at);
      if (c == '%' || c == '+' || c == '&' || c == ';' || c == '=') {
        return Optional.empty();
      }
    }
    List<FieldError> errors = new ArrayList<>();
    AliasRules.checkSubject("subject", subject, errors);
    return errors.isEmpty() ? Optional.of(Optional.of(subject)) : Optional.empty();
  }
}
