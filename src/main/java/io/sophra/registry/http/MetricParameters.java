package io.sophra.registry.http;

import io.sophra.registry.metrics.MetricOrder;
import io.sophra.registry.metrics.MetricQuery;
import io.sophra.registry.metrics.MetricRules;
import io.sophra.registry.metrics.RankPosition;
import io.sophra.registry.model.ModelId;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The query parameters of the metric routes and of {@code GET /v1/models?sort=metric:NAME:desc}, each
 * checked with a message naming it, and the cursor of a page in a metric's order: the sort it belongs
 * to and the position of the page's last model (value and id), versioned and base64url-encoded, so any
 * node continues exactly after it.
 */
final class MetricParameters {

  private static final String CURSOR_VERSION = "r1";
  private static final String NO_VALUE = "-";

  private MetricParameters() {
  }

  /** {@code ?name=&since=&limit=}. */
  static MetricQuery query(MultiMap params) {
    Optional<String> name = single(params, "name");
    name.filter(value -> !MetricRules.isValidName(value)).ifPresent(value -> {
      throw HttpProblem.invalid("name", "is not a metric name: letters, digits, '_', '.', '-' and '@', starting with a"
          + " letter, at most " + MetricRules.MAX_NAME_LENGTH + " characters");
    });
    Optional<Instant> since = single(params, "since").map(value -> {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw HttpProblem.invalid("since", "must be a UTC time such as 2025-01-31T12:00:00Z");
      }
    });
    int limit = single(params, "limit").map(MetricParameters::limit).orElse(MetricQuery.DEFAULT_LIMIT);
    return new MetricQuery(name, since, limit);
  }

  /** The metric order a {@code sort} parameter asks for; empty for {@code sort=id} or none. */
  static Optional<MetricOrder> order(MultiMap params) {
    return single(params, "sort").filter(sort -> !sort.equals("id")).map(sort -> MetricOrder.parse(sort)
        .orElseThrow(() -> HttpProblem.invalid("sort", "must be id, metric:NAME:desc or metric:NAME:asc, NAME a metric"
            + " name")));
  }

  /** The position a cursor names, refused unless it was issued for this very order. */
  static Optional<RankPosition> after(MultiMap params, MetricOrder order) {
    return single(params, "cursor").map(cursor -> decode(cursor, order).orElseThrow(() -> HttpProblem.invalid("cursor",
        "is not a cursor this registry issued for sort=metric:" + order.name() + ":" + order.direction()
            + "; pass the nextCursor of the previous page unchanged, with the same sort")));
  }

  static String encode(RankPosition position, MetricOrder order) {
    String value = position.value().isPresent() ? Long.toHexString(Double.doubleToLongBits(position.value().getAsDouble()))
        : NO_VALUE;
    String text = String.join(":", CURSOR_VERSION, order.direction(), order.name(), value, position.id().value());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<RankPosition> decode(String cursor, MetricOrder order) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
      if (parts.length != 5 || !parts[0].equals(CURSOR_VERSION) || !parts[1].equals(order.direction())
          || !parts[2].equals(order.name())) {
        return Optional.empty();
      }
      OptionalDouble value = parts[3].equals(NO_VALUE) ? OptionalDouble.empty()
          : OptionalDouble.of(Double.longBitsToDouble(Long.parseUnsignedLong(parts[3], 16)));
      if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
        return Optional.empty();
      }
      return ModelId.parse(parts[4]).map(id -> new RankPosition(value, id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MetricQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HttpProblem.invalid("limit", "must be a whole number from 1 to " + MetricQuery.MAX_LIMIT);
  }

  private static Optional<String> single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.size() > 1) {
      throw HttpProblem.invalid(name, "may be given once");
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
