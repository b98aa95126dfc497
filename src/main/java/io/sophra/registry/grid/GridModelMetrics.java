package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import io.sophra.registry.config.MetricSettings;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.metrics.AppendResult;
import io.sophra.registry.metrics.MetricOrder;
import io.sophra.registry.metrics.MetricPoint;
import io.sophra.registry.metrics.MetricQuery;
import io.sophra.registry.metrics.MetricSeries;
import io.sophra.registry.metrics.ModelMetrics;
import io.sophra.registry.metrics.RankPosition;
import io.sophra.registry.metrics.RankedPage;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metric points in the Hazelcast IMap {@code metrics}: one entry per model, keyed by the model's id
 * (so it lives in the model's partition), holding the model's whole bounded series
 * ({@link StoredSeries}), with the models' synchronous backups.
 *
 * <p>Design note: why an IMap of bounded series, not a Ringbuffer per model. Appends and reads are
 * per model and small; one entry processor ({@link MetricAppendProcessor}) appends and trims
 * atomically at the owner, a read is one {@code getAsync}, and ordering the models by a metric is one
 * projection over every member's partitions in parallel ({@link LatestValueProjection}), which
 * thousands of Ringbuffers (each a structure with its own proxy, partition and capacity) could not
 * answer without a call per model. The map is in object format, so the projection reads the series
 * without deserializing them and an append copies arrays of at most {@code maxPoints} entries.
 *
 * <p>Memory bound: every model holds at most {@code MODEL_REGISTRY_METRICS_MAX_POINTS} points of about
 * 24 bytes plus their labels' text (each distinct label set once per series), so the cluster holds at
 * most {@code MODEL_REGISTRY_MAX_MODELS × MAX_POINTS × ~24 B} (5,000 × 1,000 × 24 B ≈ 120 MB at the
 * defaults), once more for each backup. Points older than the retention are dropped at the model's
 * next append and never returned meanwhile.
 *
 * <p>The series is bound to the model's {@code uid}: a deletion drops it ({@link #cascade}), and an
 * append racing a deletion is dropped again once it sees the model gone, so a model registered again
 * under the same id starts without points (a series of another uid is never shown).
 */
public final class GridModelMetrics implements ModelMetrics {

  public static final String MAP_NAME = "metrics";
  private static final Logger LOG = LoggerFactory.getLogger(GridModelMetrics.class);

  private final IMap<String, StoredSeries> series;
  private final IMap<String, ModelConfig> models;
  private final ModelRegistry registry;
  private final GridCalls calls;
  private final MetricSettings settings;
  private final Majority majority;

  private GridModelMetrics(IMap<String, StoredSeries> series, IMap<String, ModelConfig> models, ModelRegistry registry,
      GridCalls calls, MetricSettings settings, Majority majority) {
    this.series = series;
    this.models = models;
    this.registry = registry;
    this.calls = calls;
    this.settings = settings;
    this.majority = majority;
  }

  /** Opens the metrics map (blocking: a worker thread). {@code registry} is the grid's own model registry. */
  public static GridModelMetrics create(Vertx vertx, HazelcastInstance hazelcast, ModelRegistry registry,
      MetricSettings settings, Duration deadline) {
    return new GridModelMetrics(hazelcast.getMap(MAP_NAME), hazelcast.getMap(GridModelRegistry.MAP_NAME), registry,
        new GridCalls(vertx, deadline), settings, Majority.of(hazelcast));
  }

  /** {@code delegate} dropping a model's metric points once the model is deleted. */
  public ModelRegistry cascade(ModelRegistry delegate) {
    return new MetricCascade(delegate, this);
  }

  @Override
  public Future<AppendResult> append(Caller caller, ModelId id, List<MetricPoint> points) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    GridCalls.Deadline deadline = calls.deadline();
    return registry.getModel(caller, id).compose(model -> calls.async(deadline, () -> series.submitToKey(id.value(),
            new MetricAppendProcessor(model.uid(), points, Instant.now(), settings.retention().toMillis(),
                settings.maxPointsPerModel())))
        .map(expired -> new AppendResult(points.size() - expired, expired))
        .onSuccess(appended -> dropIfOrphaned(caller, id, model.uid())));
  }

  @Override
  public Future<List<MetricSeries>> series(Caller caller, ModelId id, MetricQuery query) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    return stored(caller, id).map(stored -> {
      if (stored == null) {
        return List.of();
      }
      long from = Math.max(cutoffMillis(), query.since().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
      List<MetricSeries> result = new ArrayList<>();
      stored.points(query.name(), from).forEach((name, points) -> result.add(new MetricSeries(name,
          points.subList(Math.max(0, points.size() - query.limit()), points.size()))));
      return result;
    });
  }

  @Override
  public Future<SortedMap<String, MetricPoint>> latest(Caller caller, ModelId id) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    return stored(caller, id).map(stored -> stored == null ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(stored.latest(cutoffMillis()))));
  }

  /**
   * Two queries on a worker thread (IMap has no async query): the ids and uids of the models matching
   * the filters (indexed, only those two fields travel), and the metric's last value of every model
   * having one (a projection). Joined and sorted here, the page's models are then read through the
   * Near Cache. A model changed or deleted between the steps is left out rather than shown stale.
   * Cost: proportional to the matching models, like a first page of {@code GET /v1/models}.
   */
  @Override
  public Future<RankedPage> listModelsByMetric(Caller caller, ModelQuery filters, MetricOrder order,
      Optional<RankPosition> after) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    long cutoff = cutoffMillis();
    ModelQuery unpaged = new ModelQuery(filters.baseModel(), filters.status(), filters.limit(), Optional.empty());
    return calls.blocking(() -> rank(unpaged, order, after, cutoff)).compose(positions -> {
      boolean more = positions.size() > filters.limit();
      List<RankPosition> page = more ? positions.subList(0, filters.limit()) : positions;
      Map<String, OptionalDouble> values = new HashMap<>();
      page.forEach(position -> values.put(position.id().value(), position.value()));
      return registry.getModels(caller, page.stream().map(RankPosition::id).toList()).map(found -> new RankedPage(
          found.items().stream().filter(model -> ModelReads.matches(unpaged, model))
              .map(model -> new RankedPage.Ranked(model, values.get(model.id()))).toList(),
          more ? Optional.of(page.get(page.size() - 1)) : Optional.empty()));
    });
  }

  /** The positions after {@code after}, in order, at most a page and one more. Blocking: worker threads only. */
  private List<RankPosition> rank(ModelQuery filters, MetricOrder order, Optional<RankPosition> after, long cutoff) {
    Collection<Object[]> matching = models.project(Projections.multiAttribute("id", "uid"),
        ModelReads.predicate(filters));
    Map<String, MetricRank> ranks = new HashMap<>();
    for (MetricRank rank : series.project(new LatestValueProjection(order.name(), cutoff))) {
      if (rank != null) {
        ranks.put(rank.modelId(), rank);
      }
    }
    var comparator = order.comparator();
    List<RankPosition> positions = new ArrayList<>(matching.size());
    for (Object[] idAndUid : matching) {
      MetricRank rank = ranks.get((String) idAndUid[0]);
      OptionalDouble value = rank != null && rank.modelUid().equals(idAndUid[1]) ? OptionalDouble.of(rank.value())
          : OptionalDouble.empty();
      RankPosition position = new RankPosition(value, new ModelId((String) idAndUid[0]));
      if (after.isEmpty() || comparator.compare(position, after.get()) > 0) {
        positions.add(position);
      }
    }
    positions.sort(comparator);
    return positions.size() > filters.limit() + 1 ? new ArrayList<>(positions.subList(0, filters.limit() + 1))
        : positions;
  }

  /** Drops the series of the deleted incarnation {@code uid} of a model; best effort (a later append replaces it anyway). */
  void drop(ModelId id, String uid) {
    calls.start(() -> series.submitToKey(id.value(), new MetricDropProcessor(uid)))
        .onFailure(failure -> LOG.debug("Metric points of deleted model '{}' not dropped yet: {}", id, failure.toString()));
  }

  /** The model's series, or null when it has none (or only one of an earlier incarnation); fails with NotFound. */
  private Future<StoredSeries> stored(Caller caller, ModelId id) {
    GridCalls.Deadline deadline = calls.deadline();
    return registry.getModel(caller, id).compose(model -> calls.async(deadline, () -> series.getAsync(id.value()))
        .map(stored -> stored != null && stored.modelUid().equals(model.uid()) ? stored : null));
  }

  /** An append that raced the model's deletion must not leave points behind: look again, drop them if so. */
  private void dropIfOrphaned(Caller caller, ModelId id, String uid) {
    registry.getModel(caller, id).onComplete(now -> {
      boolean gone = now.failed() ? now.cause() instanceof RegistryException.NotFound : !now.result().uid().equals(uid);
      if (gone) {
        drop(id, uid);
      }
    });
  }

  private long cutoffMillis() {
    return System.currentTimeMillis() - settings.retention().toMillis();
  }
}
