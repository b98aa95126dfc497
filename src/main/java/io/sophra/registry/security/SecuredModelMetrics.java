package io.sophra.registry.security;

import io.sophra.registry.metrics.AppendResult;
import io.sophra.registry.metrics.MetricOrder;
import io.sophra.registry.metrics.MetricPoint;
import io.sophra.registry.metrics.MetricQuery;
import io.sophra.registry.metrics.MetricSeries;
import io.sophra.registry.metrics.ModelMetrics;
import io.sophra.registry.metrics.RankPosition;
import io.sophra.registry.metrics.RankedPage;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelQuery;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The permission check of every metrics call, below HTTP: appending needs {@code WRITE_METRICS},
 * reading {@code READ_MODEL}; a call without its permission fails with Forbidden before it reaches the
 * store, and is logged and counted as a refusal. Appends are not audit entries: they change no model
 * (the audit log records model and alias changes, and a metrics feed would push them out).
 */
public final class SecuredModelMetrics implements ModelMetrics {

  private final ModelMetrics delegate;
  private final PermissionCheck permissions;

  private SecuredModelMetrics(ModelMetrics delegate, Refusals refusals) {
    this.delegate = delegate;
    this.permissions = new PermissionCheck(refusals);
  }

  public static ModelMetrics create(ModelMetrics delegate, Refusals refusals) {
    return new SecuredModelMetrics(delegate, refusals);
  }

  @Override
  public Future<AppendResult> append(Caller caller, ModelId id, List<MetricPoint> points) {
    return permissions.guard(caller, Operation.APPEND_METRICS, Optional.of(id),
        () -> delegate.append(caller, id, points));
  }

  @Override
  public Future<List<MetricSeries>> series(Caller caller, ModelId id, MetricQuery query) {
    return permissions.guard(caller, Operation.READ_METRICS, Optional.of(id), () -> delegate.series(caller, id, query));
  }

  @Override
  public Future<SortedMap<String, MetricPoint>> latest(Caller caller, ModelId id) {
    return permissions.guard(caller, Operation.LATEST_METRICS, Optional.of(id), () -> delegate.latest(caller, id));
  }

  @Override
  public Future<RankedPage> listModelsByMetric(Caller caller, ModelQuery filters, MetricOrder order,
      Optional<RankPosition> after) {
    return permissions.guard(caller, Operation.LIST_MODELS, Optional.empty(),
        () -> delegate.listModelsByMetric(caller, filters, order, after));
  }
}
