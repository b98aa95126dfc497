package io.sophra.registry.http;

import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasQuery;
import io.sophra.registry.alias.AliasRules;
import io.sophra.registry.alias.Preconditions;
import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The path, query and header parameters of the alias routes, each checked with a message naming it. */
final class AliasParameters {

  private static final String CURSOR_VERSION = "al1:";

  private AliasParameters() {
  }

  /** The {@code {name}} of the path; a malformed one is a 400 naming {@code name}, never a lookup. */
  static AliasName name(RoutingContext ctx) {
    return AliasName.of("name", ctx.pathParam("name"));
  }

  /** {@code If-Match} and {@code If-None-Match}, as sent. */
  static Preconditions preconditions(RoutingContext ctx) {
    return new Preconditions(Optional.ofNullable(ctx.request().getHeader("If-Match")),
        Optional.ofNullable(ctx.request().getHeader("If-None-Match")));
  }

  /** {@code ?subject=}: absent for a weighted random pick, else 1 to 256 printable characters. */
  static Optional<String> subject(MultiMap params) {
    Optional<String> subject = single(params, "subject");
    subject.ifPresent(value -> {
      List<FieldError> errors = new ArrayList<>();
      AliasRules.checkSubject("subject", value, errors);
      if (!errors.isEmpty()) {
        throw new InvalidModelException(errors);
      }
    });
    return subject;
  }

  /** {@code GET /v1/aliases?limit=&cursor=}. */
  static AliasQuery query(MultiMap params) {
    int limit = single(params, "limit").map(AliasParameters::limit).orElse(AliasQuery.DEFAULT_LIMIT);
    Optional<AliasName> after = single(params, "cursor").map(cursor -> decode(cursor).orElseThrow(() ->
        HttpProblem.invalid("cursor", "is not a cursor this registry issued; pass the nextCursor of the previous"
            + " page unchanged")));
    return new AliasQuery(limit, after);
  }

  /** The opaque cursor after {@code last}: versioned, base64url-encoded. */
  static String encode(AliasName last) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((CURSOR_VERSION + last.value()).getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<AliasName> decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(CURSOR_VERSION)) {
        return AliasName.parse(text.substring(CURSOR_VERSION.length()));
      }
    } catch (IllegalArgumentException e) {
      // not base64url: refused by the caller
    }
    return Optional.empty();
  }

  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= AliasQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HttpProblem.invalid("limit", "must be a whole number from 1 to " + AliasQuery.MAX_LIMIT);
  }

  private static Optional<String> single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.size() > 1) {
      throw HttpProblem.invalid(name, "may be given once");
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
