package io.sophra.registry.http;

import io.sophra.registry.metrics.MetricJson;
import io.sophra.registry.metrics.MetricOrder;
import io.sophra.registry.metrics.ModelMetrics;
import io.sophra.registry.metrics.RankedPage;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.registry.ModelQuery;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The handlers of {@code /v1/models/{id}/metrics} and of the model list in a metric's order. */
final class MetricHandlers {

  private static final Set<String> JSON_ONLY = Set.of(Requests.JSON);

  private final ModelMetrics metrics;

  MetricHandlers(ModelMetrics metrics) {
    this.metrics = metrics;
  }

  void appendMetrics(RoutingContext ctx) {
    ModelId id = ModelHandlers.pathId(ctx);
    var points = MetricJson.readPoints(Requests.jsonObjectOrArray(ctx, JSON_ONLY), Instant.now());
    metrics.append(Callers.of(ctx), id, points)
        .onSuccess(result -> sendJson(ctx.response(), new JsonObject().put("modelId", id.value())
            .put("appended", result.appended()).put("expired", result.expired())))
        .onFailure(ctx::fail);
  }

  void readMetrics(RoutingContext ctx) {
    ModelId id = ModelHandlers.pathId(ctx);
    metrics.series(Callers.of(ctx), id, MetricParameters.query(ctx.queryParams()))
        .onSuccess(series -> sendJson(ctx.response(), MetricJson.seriesJson(id.value(), series)))
        .onFailure(ctx::fail);
  }

  void latestMetrics(RoutingContext ctx) {
    ModelId id = ModelHandlers.pathId(ctx);
    metrics.latest(Callers.of(ctx), id)
        .onSuccess(latest -> sendJson(ctx.response(), MetricJson.latestJson(id.value(), latest)))
        .onFailure(ctx::fail);
  }

  /**
   * {@code GET /v1/models?sort=metric:NAME:desc}: the list in a metric's order, with the list's own
   * filters, limit and view. Without {@code sort} (or with {@code sort=id}) the next handler, the
   * ordinary list by id, answers.
   */
  void listModelsByMetric(RoutingContext ctx) {
    MultiMap params = RequestTarget.queryParams(ctx);
    Optional<MetricOrder> order = MetricParameters.order(params);
    if (order.isEmpty()) {
      ctx.next();
      return;
    }
    ModelQuery filters = ListParameters.query(MultiMap.caseInsensitiveMultiMap().addAll(params).remove("cursor"));
    Function<ModelConfig, JsonObject> view = ListParameters.fullView(params) ? ModelJson::toJson : ModelJson::summary;
    metrics.listModelsByMetric(Callers.of(ctx), filters, order.get(), MetricParameters.after(params, order.get()))
        .onSuccess(page -> sendJson(ctx.response(), pageJson(page, order.get(), view)))
        .onFailure(ctx::fail);
  }

  private static JsonObject pageJson(RankedPage page, MetricOrder order, Function<ModelConfig, JsonObject> view) {
    JsonArray items = new JsonArray();
    page.items().forEach(ranked -> items.add(view.apply(ranked.model())
        .put("metricValue", ranked.value().isPresent() ? ranked.value().getAsDouble() : null)));
    return new JsonObject().put("items", items)
        .put("nextCursor", page.nextAfter().map(position -> MetricParameters.encode(position, order)).orElse(null));
  }

  private static void sendJson(HttpServerResponse response, JsonObject body) {
    response.putHeader("Content-Type", Requests.JSON).end(body.toBuffer());
  }
}
