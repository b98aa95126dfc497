package io.sophra.registry.http;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error path: every failed request ends here and leaves as {@code application/problem+json}
 * (RFC 9457). Failures a client caused are 4xx and logged at most as one line; only a bug is a 500,
 * logged with its stack trace, and its body says nothing about the internals.
 */
public final class Problems {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** The failure handler of the router. */
  public static void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    HttpProblem problem = toProblem(ctx.failure(), ctx.statusCode());
    if (problem.type() == ProblemType.INTERNAL) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    render(ctx.response(), problem, ctx.request().path());
  }

  static HttpProblem toProblem(Throwable failure, int statusCode) {
    if (failure instanceof HttpProblem problem) {
      return problem;
    }
    if (failure instanceof RegistryException e) {
      return fromRegistry(e);
    }
    if (failure == null) {
      return fromStatus(statusCode);
    }
    return new HttpProblem(ProblemType.INTERNAL, "the request failed on the server; it has been logged");
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
      case REVISION_MISMATCH -> new HttpProblem(ProblemType.REVISION_MISMATCH, e.getMessage(), List.of(),
          Map.of("ETag", ((RegistryException.RevisionMismatch) e).currentEtag()));
      case FORBIDDEN -> new HttpProblem(ProblemType.FORBIDDEN, e.getMessage());
      case UNAVAILABLE, NO_QUORUM -> new HttpProblem(ProblemType.UNAVAILABLE, e.getMessage(), List.of(),
          Map.of("Retry-After", "1"));
    };
  }

  private static HttpProblem fromStatus(int status) {
    return switch (status) {
      case 400 -> new HttpProblem(ProblemType.VALIDATION, "the request is malformed");
      case 401 -> new HttpProblem(ProblemType.UNAUTHORIZED, "a valid bearer token is required",
          List.of(), Map.of("WWW-Authenticate", "Bearer"));
      case 403 -> new HttpProblem(ProblemType.FORBIDDEN, "the token lacks the permission this call needs");
      case 404 -> new HttpProblem(ProblemType.NOT_FOUND, "no such resource");
      case 405 -> new HttpProblem(ProblemType.METHOD_NOT_ALLOWED, "this resource does not support that method");
      case 413 -> new HttpProblem(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit"
          + " (MODEL_REGISTRY_MAX_BODY_SIZE)");
      case 415 -> new HttpProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the request body must be JSON");
      case 503 -> new HttpProblem(ProblemType.UNAVAILABLE, "the registry is not ready",
          List.of(), Map.of("Retry-After", "1"));
      default -> new HttpProblem(ProblemType.INTERNAL, "the request failed on the server; it has been logged");
    };
  }

  static void render(HttpServerResponse response, HttpProblem problem, String instance) {
    ProblemType type = problem.type();
    JsonObject body = new JsonObject()
        .put("type", type.uri())
        .put("title", type.title())
        .put("status", type.status())
        .put("detail", problem.getMessage())
        .put("instance", instance);
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      problem.errors().forEach(error -> errors.add(new JsonObject()
          .put("pointer", error.pointer()).put("message", error.message())));
      body.put("errors", errors);
    }
    problem.headers().forEach(response::putHeader);
    response.setStatusCode(type.status()).putHeader("Content-Type", CONTENT_TYPE).end(body.toBuffer());
  }
}
