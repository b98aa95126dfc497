package io.sophra.registry.metrics;

import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelQuery;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Metric points attached to models, kept apart from the model entries: appending never changes a
 * model's revision or ETag, never conflicts with a configuration update, and is not a model event.
 * Per model the newest points are kept, up to a count ({@code MODEL_REGISTRY_METRICS_MAX_POINTS}, all
 * names together) and an age ({@code MODEL_REGISTRY_METRICS_RETENTION}, measured from each point's
 * {@code at}); older points are dropped and never returned. A model's points go with it when it is
 * deleted, and a model registered again under the same id starts with none.
 *
 * <p>Like {@link io.sophra.registry.registry.ModelRegistry}: the {@link Caller} first, Futures that
 * fail with a {@link RegistryException}. Appending needs {@code WRITE_METRICS}, reading
 * {@code READ_MODEL}.
 */
public interface ModelMetrics {

  /** Appends points (checked already) to the model's series; fails with NotFound when there is no such model. */
  Future<AppendResult> append(Caller caller, ModelId id, List<MetricPoint> points);

  /** The model's retained series matching the query, by name, each oldest first; fails with NotFound. */
  Future<List<MetricSeries>> series(Caller caller, ModelId id, MetricQuery query);

  /** The newest retained point of each of the model's metrics, by name; fails with NotFound. */
  Future<SortedMap<String, MetricPoint>> latest(Caller caller, ModelId id);

  /**
   * A page of the models matching {@code filters} (its {@code baseModel}, {@code status} and
   * {@code limit}; its id cursor is not used) in {@code order}, starting after {@code after}.
   */
  Future<RankedPage> listModelsByMetric(Caller caller, ModelQuery filters, MetricOrder order,
      Optional<RankPosition> after);
}
