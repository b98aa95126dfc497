package io.sophra.registry.metrics;

import java.util.Comparator;
import java.util.Optional;

/**
 * Models ordered by the last value of one metric ({@code sort=metric:NAME:desc} or {@code :asc}):
 * models with a retained value of the metric first, by that value, ties by id; then the models
 * without one, by id. This comparator is the one home of that order: the store sorts by it, and a
 * page's cursor is a {@link RankPosition} in it.
 */
public record MetricOrder(String name, boolean descending) {

  public static final String PREFIX = "metric:";

  /** The order named by a {@code sort} parameter such as {@code metric:ndcg@10:desc}, or empty if it names none. */
  public static Optional<MetricOrder> parse(String sort) {
    if (!sort.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = sort.substring(PREFIX.length());
    int colon = rest.lastIndexOf(':');
    if (colon < 0) {
      return MetricRules.isValidName(rest) ? Optional.of(new MetricOrder(rest, true)) : Optional.empty();
    }
    String name = rest.substring(0, colon);
    String direction = rest.substring(colon + 1);
    if (!MetricRules.isValidName(name) || !(direction.equals("asc") || direction.equals("desc"))) {
      return Optional.empty();
    }
    return Optional.of(new MetricOrder(name, direction.equals("desc")));
  }

  public String direction() {
    return descending ? "desc" : "asc";
  }

  /** The position order: a value before none, values ascending or descending, then ids ascending. */
  public Comparator<RankPosition> comparator() {
    Comparator<RankPosition> byValue = (a, b) -> {
      if (a.value().isPresent() != b.value().isPresent()) {
        return a.value().isPresent() ? -1 : 1;
      }
      if (a.value().isEmpty()) {
        return 0;
      }
      int compared = Double.compare(a.value().getAsDouble(), b.value().getAsDouble());
      return descending ? -compared : compared;
    };
    return byValue.thenComparing(RankPosition::id);
  }
}
