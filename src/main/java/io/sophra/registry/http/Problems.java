package io.sophra.registry.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InUseByAliasException;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.failure.SequenceGoneException;
import io.sophra.registry.failure.VariantNotReadyException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error path: every failed request ends here and leaves as {@code application/problem+json}
 * (RFC 9457). Failures a client caused are 4xx and logged at most as one line; only a bug is a 500,
 * logged with its stack trace, and its body says nothing about the internals.
 *
 * <p>What a failure becomes, in order: the registry's typed failures and {@link HttpProblem}s are
 * their own problem; then any client-error status that vertx-web put on the failure (a missing
 * {@code Host}, a route that does not take the method) keeps that status, whatever exception came with
 * it. vertx-web's BodyHandler fails a request whose stream broke while the body was read (bad chunked
 * framing, a client reset) with status 200: that is the client's doing too, so a 400. Only a failure
 * with a 5xx status (a handler threw) is a 500.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** The failure handler of the router. */
  public static void handle(RoutingContext ctx) {
    handle(ctx, ctx.statusCode());
  }

  /**
   * The router's error handler for {@code status}: vertx-web calls it for failures no route handled
   * (no route matched, a route's matching threw), where the context may not carry the status itself.
   */
  static void handle(RoutingContext ctx, int status) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    HttpProblem problem = status == 400 && !(ctx.failure() instanceof HttpProblem)
        ? RequestTarget.queryProblem(ctx.request().query()).orElseGet(() -> toProblem(ctx.failure(), status))
        : toProblem(ctx.failure(), status);
    render(ctx.request(), problem, ctx.failure());
  }

  /** Answers {@code request}, served without the router, with the problem {@code failure} is, as the router would. */
  static void fail(HttpServerRequest request, Throwable failure) {
    if (request.response().headWritten()) {
      request.response().reset();
      return;
    }
    render(request, toProblem(failure, -1), failure);
  }

  /** Renders {@code problem}; an internal one (a 500) is logged with the failure behind it. */
  private static void render(HttpServerRequest request, HttpProblem problem, Throwable failure) {
    if (problem.type().orElse(null) == ProblemType.INTERNAL) {
      LOG.error("{} {} failed", request.method(), request.path(), failure);
    }
    render(request.response(), problem, request.path());
  }

  static HttpProblem toProblem(Throwable failure, int statusCode) {
    if (failure instanceof HttpProblem problem) {
      return problem;
    }
    if (failure instanceof RegistryException e) {
      return fromRegistry(e);
    }
    int status = statusCode < 0 && failure instanceof HttpException e ? e.getStatusCode() : statusCode;
    if (failure != null && status >= 200 && status < 400) {
      return new HttpProblem(ProblemType.VALIDATION, "the request body could not be read: its framing"
          + " (Content-Length or chunked encoding) is broken");
    }
    if (failure == null || (status >= 400 && status < 500)) {
      return fromStatus(status);
    }
    return internal();
  }

  /** Every kind of registry failure as its problem; the switch is exhaustive, so a new kind must be added here. */
  static HttpProblem fromRegistry(RegistryException e) {
    return switch (e.kind()) {
      case INVALID -> new HttpProblem(ProblemType.VALIDATION, e.getMessage(), ((InvalidModelException) e).errors(),
          Map.of());
      case ILLEGAL_TRANSITION -> new HttpProblem(ProblemType.ILLEGAL_TRANSITION, e.getMessage(),
          List.of(new FieldError("/status", e.getMessage())), Map.of());
      case NOT_FOUND -> new HttpProblem(ProblemType.NOT_FOUND, e.getMessage());
      case ALREADY_EXISTS -> new HttpProblem(ProblemType.ALREADY_EXISTS, e.getMessage());
      case REGISTRY_FULL -> new HttpProblem(ProblemType.REGISTRY_FULL, e.getMessage());
      case REVISION_MISMATCH -> revisionMismatch((RegistryException.RevisionMismatch) e);
      case FORBIDDEN -> new HttpProblem(ProblemType.FORBIDDEN, e.getMessage());
      case UNAVAILABLE, NO_QUORUM -> new HttpProblem(ProblemType.UNAVAILABLE, e.getMessage(), List.of(),
          Map.of("Retry-After", "1"));
      case IN_USE_BY_ALIAS -> inUseByAlias((InUseByAliasException) e);
      case VARIANT_NOT_READY -> new HttpProblem(ProblemType.VARIANT_NOT_READY, e.getMessage(),
          ((VariantNotReadyException) e).errors(), Map.of());
      case NO_READY_VARIANT -> new HttpProblem(ProblemType.NO_READY_VARIANT, e.getMessage());
      case GONE -> gone((SequenceGoneException) e);
    };
  }

  /** With the current ETag when there is one (an alias that does not exist has none). */
  private static HttpProblem revisionMismatch(RegistryException.RevisionMismatch e) {
    return new HttpProblem(ProblemType.REVISION_MISMATCH, e.getMessage(), List.of(),
        e.currentEtag() == null ? Map.of() : Map.of("ETag", e.currentEtag()));
  }

  /** With the sequence to resume after once the client has listed again, as a member of its own and as an error. */
  private static HttpProblem gone(SequenceGoneException e) {
    return new HttpProblem(ProblemType.GONE, e.getMessage(), List.of(new FieldError("after", e.getMessage())),
        Map.of(), Map.of("currentSequence", e.current()));
  }

  /** One error per alias routing to the model, so a client can read the names without parsing the detail. */
  private static HttpProblem inUseByAlias(InUseByAliasException e) {
    return new HttpProblem(ProblemType.IN_USE_BY_ALIAS, e.getMessage(), e.aliases().stream()
        .map(alias -> new FieldError("alias", alias)).toList(), Map.of());
  }

  /** A status vertx-web or the HTTP server answered with, as its problem; any other 4xx keeps its status. */
  static HttpProblem fromStatus(int status) {
    return switch (status) {
      case 400 -> new HttpProblem(ProblemType.VALIDATION, "the request is malformed");
      case 401 -> new HttpProblem(ProblemType.UNAUTHORIZED, "a valid bearer token is required",
          List.of(), Map.of("WWW-Authenticate", "Bearer"));
      case 403 -> new HttpProblem(ProblemType.FORBIDDEN, "the token lacks the permission this call needs");
      case 404 -> new HttpProblem(ProblemType.NOT_FOUND, "no such resource");
      case 405 -> new HttpProblem(ProblemType.METHOD_NOT_ALLOWED, "this resource does not support that method");
      case 406 -> new HttpProblem(ProblemType.NOT_ACCEPTABLE, "this resource answers only in JSON");
      case 413 -> new HttpProblem(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit"
          + " (MODEL_REGISTRY_MAX_BODY_SIZE)");
      case 414 -> new HttpProblem(ProblemType.URI_TOO_LONG, "the request line exceeds the limit");
      case 415 -> new HttpProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the request body must be JSON");
      case 417 -> new HttpProblem(ProblemType.EXPECTATION_FAILED, "the only Expect this server meets is"
          + " '100-continue'");
      case 431 -> new HttpProblem(ProblemType.HEADERS_TOO_LARGE, "the request headers exceed the limit");
      case 503 -> new HttpProblem(ProblemType.UNAVAILABLE, "the registry is not ready",
          List.of(), Map.of("Retry-After", "1"));
      default -> status >= 400 && status < 500
          ? HttpProblem.ofStatus(status, "the request cannot be served: " + reason(status)) : internal();
    };
  }

  private static HttpProblem internal() {
    return new HttpProblem(ProblemType.INTERNAL, "the request failed on the server; it has been logged");
  }

  static void render(HttpServerResponse response, HttpProblem problem, String instance) {
    JsonObject body = new JsonObject()
        .put("type", problem.type().map(ProblemType::uri).orElse(HttpProblem.ABOUT_BLANK))
        .put("title", problem.type().map(ProblemType::title).orElse(reason(problem.status())))
        .put("status", problem.status())
        .put("detail", problem.getMessage());
    if (instance != null) {
      body.put("instance", instance);
    }
    problem.members().forEach(body::put);
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      problem.errors().forEach(error -> errors.add(new JsonObject()
          .put("pointer", error.pointer()).put("message", error.message())));
      body.put("errors", errors);
    }
    problem.headers().forEach(response::putHeader);
    response.setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE).end(body.toBuffer());
  }

  private static String reason(int status) {
    return HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
