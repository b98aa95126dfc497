package io.sophra.registry.metrics;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric point's one JSON form and the reading of what a client appends: one point
 * {@code {"name", "value", "at"?, "labels"?}} or an array of 1 to 1,000 of them. Reading collects
 * every error before failing (pointers {@code /name}, or {@code /3/name} in an array).
 */
public final class MetricJson {

  public static final String NAME = "name";
  public static final String VALUE = "value";
  public static final String AT = "at";
  public static final String LABELS = "labels";
  private static final Set<String> FIELDS = Set.of(NAME, VALUE, AT, LABELS);

  private MetricJson() {
  }

  /**
   * The points of a {@code POST /v1/models/{id}/metrics} body (a JSON object or array); a point
   * without {@code at} is dated {@code now}.
   *
   * @throws InvalidModelException naming every field that is wrong
   */
  public static List<MetricPoint> readPoints(Object body, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    List<MetricPoint> points = new ArrayList<>();
    if (body instanceof JsonObject object) {
      points.add(point("", object, now, errors));
    } else if (body instanceof JsonArray array) {
      if (array.isEmpty() || array.size() > MetricRules.MAX_POINTS_PER_REQUEST) {
        throw new InvalidModelException("/", "must hold 1 to " + MetricRules.MAX_POINTS_PER_REQUEST + " points, not "
            + array.size());
      }
      for (int i = 0; i < array.size(); i++) {
        Object item = array.getValue(i);
        if (item instanceof JsonObject object) {
          points.add(point("/" + i, object, now, errors));
        } else {
          errors.add(new FieldError("/" + i, "must be a point {name, value, at?, labels?}"));
        }
      }
    } else {
      throw new InvalidModelException("/", "must be a point {name, value, at?, labels?} or an array of points");
    }
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return points;
  }

  static MetricPoint checked(String name, double value, Instant at, Map<String, String> labels) {
    List<FieldError> errors = new ArrayList<>();
    MetricRules.checkName("/" + NAME, name, errors);
    MetricRules.checkValue("/" + VALUE, value, errors);
    MetricRules.checkAt("/" + AT, at, Instant.now(), errors);
    MetricRules.checkLabels("/" + LABELS, labels, errors);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new MetricPoint(name, value, Timestamps.truncate(at), labels);
  }

  private static MetricPoint point(String base, JsonObject json, Instant now, List<FieldError> errors) {
    int before = errors.size();
    json.fieldNames().stream().filter(field -> !FIELDS.contains(field)).forEach(field -> errors.add(
        new FieldError(base + "/" + field, "is not a field of a metric point; known fields are name, value, at, labels")));
    String name = json.getValue(NAME) instanceof String text ? text : null;
    if (name == null) {
      errors.add(new FieldError(base + "/" + NAME, json.getValue(NAME) == null ? "is required" : "must be a string"));
    } else {
      MetricRules.checkName(base + "/" + NAME, name, errors);
    }
    Object raw = json.getValue(VALUE);
    double value = raw instanceof Number number ? number.doubleValue() : Double.NaN;
    if (!(raw instanceof Number)) {
      errors.add(new FieldError(base + "/" + VALUE, raw == null ? "is required" : "must be a number"));
    } else {
      MetricRules.checkValue(base + "/" + VALUE, value, errors);
    }
    Instant at = at(base + "/" + AT, json.getValue(AT), now, errors);
    Map<String, String> labels = labels(base + "/" + LABELS, json.getValue(LABELS), errors);
    return errors.size() == before ? new MetricPoint(name, value, at, labels) : null;
  }

  private static Instant at(String pointer, Object raw, Instant now, List<FieldError> errors) {
    if (raw == null) {
      return Timestamps.truncate(now);
    }
    if (raw instanceof String text) {
      try {
        Instant at = Timestamps.truncate(Instant.parse(text));
        MetricRules.checkAt(pointer, at, now, errors);
        return at;
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(new FieldError(pointer, "must be a UTC time such as 2025-01-31T12:00:00Z"));
    return now;
  }

  private static Map<String, String> labels(String pointer, Object raw, List<FieldError> errors) {
    if (raw == null) {
      return Map.of();
    }
    if (!(raw instanceof JsonObject object)) {
      errors.add(new FieldError(pointer, "must be an object of label names to string values"));
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String key : object.fieldNames()) {
      if (object.getValue(key) instanceof String value) {
        labels.put(key, value);
      } else {
        errors.add(new FieldError(pointer + "/" + key.replace("~", "~0").replace("/", "~1"), "must be a string"));
      }
    }
    MetricRules.checkLabels(pointer, labels, errors);
    return labels;
  }

  /** A point as the API returns it: {@code {"value", "at", "labels"}} (the name is the series'). */
  public static JsonObject toJson(MetricPoint point) {
    return new JsonObject().put(VALUE, point.value()).put(AT, Timestamps.format(point.at()))
        .put(LABELS, new JsonObject(new LinkedHashMap<>(point.labels())));
  }

  /** {@code {"modelId", "series": [{"name", "points": [...]}]}}. */
  public static JsonObject seriesJson(String modelId, List<MetricSeries> series) {
    JsonArray all = new JsonArray();
    series.forEach(one -> {
      JsonArray points = new JsonArray();
      one.points().forEach(point -> points.add(toJson(point)));
      all.add(new JsonObject().put(NAME, one.name()).put("points", points));
    });
    return new JsonObject().put("modelId", modelId).put("series", all);
  }

  /** {@code {"modelId", "latest": {"<name>": {"value", "at", "labels"}}}}. */
  public static JsonObject latestJson(String modelId, Map<String, MetricPoint> latest) {
    JsonObject byName = new JsonObject();
    latest.forEach((name, point) -> byName.put(name, toJson(point)));
    return new JsonObject().put("modelId", modelId).put("latest", byName);
  }
}
