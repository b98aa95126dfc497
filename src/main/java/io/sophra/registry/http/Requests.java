package io.sophra.registry.http;

import io.sophra.registry.model.JsonTree;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading what a request carries: its JSON body, checked for media type and shape, and its preconditions. */
final class Requests {

  static final String JSON = "application/json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  /** Precondition header names with their hash computed once (a {@code GET} reads one every time). */
  private static final CharSequence IF_NONE_MATCH = HttpHeaders.createOptimized("If-None-Match");
  private static final CharSequence IF_MATCH = HttpHeaders.createOptimized("If-Match");
  /** {@code *} or a comma-separated list of entity tags, strong or weak (RFC 9110, section 13.1.1). */
  private static final Pattern ENTITY_TAGS = Pattern.compile(
      "\\s*(\\*|(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"(\\s*,\\s*(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\")*)\\s*");

  private Requests() {
  }

  /** The body as a JSON object, if its media type is one of {@code accepted}. */
  static JsonObject jsonObject(RoutingContext ctx, Set<String> accepted) {
    checkMediaType(ctx, accepted);
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw HttpProblem.invalid("/", "a JSON object is required as the request body");
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw HttpProblem.invalid("/", "is not well-formed JSON: " + firstLine(e.getMessage()));
    }
    if (value instanceof JsonObject object) {
      if (!JsonTree.finite(object)) {
        // it would travel on as the string "Infinity": JSON has no such number
        throw HttpProblem.invalid("/", "holds a number beyond the range of a double (such as 1e400)");
      }
      return object;
    }
    throw HttpProblem.invalid("/", "must be a JSON object, not " + kind(value));
  }

  /** The {@code If-Match} header, if sent; a value that is not {@code *} or entity tags is a 400. */
  static Optional<String> ifMatch(RoutingContext ctx) {
    return precondition(ctx.request(), IF_MATCH);
  }

  /** The {@code If-None-Match} header, if sent; a value that is not {@code *} or entity tags is a 400. */
  static Optional<String> ifNoneMatch(RoutingContext ctx) {
    return ifNoneMatch(ctx.request());
  }

  static Optional<String> ifNoneMatch(HttpServerRequest request) {
    return precondition(request, IF_NONE_MATCH);
  }

  private static Optional<String> precondition(HttpServerRequest request, CharSequence name) {
    String value = request.getHeader(name);
    if (value != null && !ENTITY_TAGS.matcher(value).matches()) {
      throw HttpProblem.invalid(name.toString(), "must be * or entity tags as the ETag header gives them, such as \"uid.3\"");
    }
    return Optional.ofNullable(value);
  }

  static void checkMediaType(RoutingContext ctx, Set<String> accepted) {
    String encoding = ctx.request().getHeader("Content-Encoding");
    if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new HttpProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding is not supported; send the body"
          + " uncompressed");
    }
    String header = ctx.request().getHeader("Content-Type");
    String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!accepted.contains(mediaType)) {
      throw new HttpProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be one of " + accepted
          + (header == null ? "; none was sent" : ", not '" + header + "'"));
    }
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof io.vertx.core.json.JsonArray) {
      return "an array";
    }
    return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** The body as a JSON object or array (metric points come one or many), if its media type is one of {@code accepted}. */
  static Object jsonObjectOrArray(RoutingContext ctx, Set<String> accepted) {
    checkMediaType(ctx, accepted);
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw HttpProblem.invalid("/", "a JSON object or array is required as the request body");
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw HttpProblem.invalid("/", "is not well-formed JSON: " + firstLine(e.getMessage()));
    }
    if (value instanceof JsonObject || value instanceof io.vertx.core.json.JsonArray) {
      return value;
    }
    throw HttpProblem.invalid("/", "must be a JSON object or array, not " + kind(value));
  }
}
