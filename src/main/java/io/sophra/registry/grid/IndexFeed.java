package io.sophra.registry.grid;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.MapPartitionLostEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.map.listener.MapEvictedListener;
import com.hazelcast.map.listener.MapPartitionLostListener;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicates;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ModelIndex} in step with the models map: every change in the cluster through one
 * entry listener (values included, events of one key in order), a full load at start, and a full
 * reload (a few fields per model, projected at the owners) after this member merged back from a
 * split, lost a partition or saw the map cleared, and every Near Cache reconciliation interval, which
 * bounds how long a lost event could leave the index wrong, as it bounds the Near Cache's staleness.
 * This member's own writes are applied by {@link GridModelRegistry} as they are acknowledged.
 */
final class IndexFeed implements EntryAddedListener<String, ModelConfig>, EntryUpdatedListener<String, ModelConfig>,
    EntryRemovedListener<String, ModelConfig>, EntryMergedListener<String, ModelConfig>,
    EntryLoadedListener<String, ModelConfig>, EntryEvictedListener<String, ModelConfig>,
    EntryExpiredListener<String, ModelConfig>, MapClearedListener, MapEvictedListener, MapPartitionLostListener,
    LifecycleListener {

  private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);
  static final String RECONCILIATION_PROPERTY = "hazelcast.invalidation.reconciliation.interval.seconds";
  private static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final IMap<String, ModelConfig> models;
  private final ModelIndex index;
  private final AtomicBoolean loading = new AtomicBoolean();
  private volatile boolean loadAgain;

  private IndexFeed(Vertx vertx, IMap<String, ModelConfig> models, ModelIndex index) {
    this.vertx = vertx;
    this.models = models;
    this.index = index;
  }

  /**
   * A feed of a new index of {@code models} from now on, loaded before this returns when the grid
   * answers (blocking: a worker thread), else in the background (until then the index is not
   * {@link ModelIndex#ready}).
   */
  static IndexFeed start(Vertx vertx, HazelcastInstance hazelcast, IMap<String, ModelConfig> models) {
    ModelIndex index = new ModelIndex();
    IndexFeed feed = new IndexFeed(vertx, models, index);
    models.addEntryListener(feed, true);
    models.addPartitionLostListener(feed);
    hazelcast.getLifecycleService().addLifecycleListener(feed);
    feed.loading.set(true);
    try {
      feed.load();
      feed.loaded(null);
    } catch (RuntimeException e) {
      feed.loaded(e);
    }
    String seconds = hazelcast.getConfig().getProperty(RECONCILIATION_PROPERTY);
    long interval = 1000 * (seconds == null ? 60 : Long.parseLong(seconds));
    vertx.setPeriodic(interval, interval, timer -> feed.reload());
    return feed;
  }

  ModelIndex index() {
    return index;
  }

  /** Loads every model's index entry again, in the background; one load at a time. */
  void reload() {
    if (!loading.compareAndSet(false, true)) {
      loadAgain = true;
      return;
    }
    try {
      vertx.executeBlocking(() -> {
        load();
        return null;
      }, false).onComplete(done -> loaded(done.cause()));
    } catch (RuntimeException e) {
      loaded(e);
    }
  }

  private void load() {
    index.beginRebuild();
    Map<String, IndexEntry> loaded = new HashMap<>();
    for (Object[] row : models.project(Projections.multiAttribute("id", "uid", "revision", "status", "baseModel"),
        Predicates.alwaysTrue())) {
      ModelStatus status = ModelStatus.fromWire((String) row[3]).orElse(ModelStatus.ERROR);
      loaded.put((String) row[0], new IndexEntry((String) row[1], ((Number) row[2]).longValue(), status,
          (String) row[4]));
    }
    index.rebuilt(loaded);
  }

  private void loaded(Throwable failure) {
    loading.set(false);
    if (failure != null) {
      index.rebuildFailed();
      LOG.debug("The list index was not loaded ({}); {}", failure.toString(),
          index.ready() ? "it keeps following changes" : "lists query the grid meanwhile");
      if (!index.ready()) {
        retryLater();
      }
    }
    if (loadAgain) {
      loadAgain = false;
      reload();
    }
  }

  private void retryLater() {
    try {
      vertx.setTimer(RETRY_MILLIS, timer -> reload());
    } catch (RuntimeException e) {
      LOG.debug("No further load of the list index: {}", e.toString());
    }
  }

  @Override
  public void entryAdded(EntryEvent<String, ModelConfig> event) {
    index.changed(event.getKey(), null, event.getValue());
  }

  @Override
  public void entryUpdated(EntryEvent<String, ModelConfig> event) {
    index.changed(event.getKey(), event.getOldValue(), event.getValue());
  }

  @Override
  public void entryRemoved(EntryEvent<String, ModelConfig> event) {
    index.changed(event.getKey(), event.getOldValue(), null);
  }

  @Override
  public void entryMerged(EntryEvent<String, ModelConfig> event) {
    index.changed(event.getKey(), event.getOldValue(), event.getValue());
  }

  @Override
  public void entryLoaded(EntryEvent<String, ModelConfig> event) {
    index.changed(event.getKey(), null, event.getValue());
  }

  @Override
  public void entryEvicted(EntryEvent<String, ModelConfig> event) {
    index.changed(event.getKey(), event.getOldValue(), null);
  }

  @Override
  public void entryExpired(EntryEvent<String, ModelConfig> event) {
    index.changed(event.getKey(), event.getOldValue(), null);
  }

  @Override
  public void mapCleared(MapEvent event) {
    reload();
  }

  @Override
  public void mapEvicted(MapEvent event) {
    reload();
  }

  @Override
  public void partitionLost(MapPartitionLostEvent event) {
    reload();
  }

  /** Before a merge this member's data is replaced by the other side's: no pages from the index until reloaded. */
  @Override
  public void stateChanged(LifecycleEvent event) {
    if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
      index.invalidate();
    } else if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
      index.invalidate();
      reload();
    }
  }
}
