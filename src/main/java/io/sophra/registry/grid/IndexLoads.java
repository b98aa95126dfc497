package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicates;
import io.sophra.registry.background.Blocking;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full loads of a {@link ModelIndex} (a few fields per model, projected at the owners), one at a
 * time, on a worker thread, for {@link IndexFeed}. A load is trusted (see {@link ModelIndex#rebuilt},
 * which drops the ids it did not find) only when it is known complete: the cluster was safe (no
 * migration running, every backup in sync) before and after it, and no member joined or left
 * meanwhile, so no model can have been in flight between members while it ran. Any other load is
 * discarded; while the index is not ready, a failed load is tried again every second.
 */
final class IndexLoads {

  private static final Logger LOG = LoggerFactory.getLogger(IndexLoads.class);
  private static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final IMap<String, ModelConfig> models;
  private final ModelIndex index;
  private final AtomicBoolean loading = new AtomicBoolean();
  private final AtomicBoolean retryWaiting = new AtomicBoolean();
  private volatile boolean loadAgain;
  /** Counts membership changes: a load during which one happened may have missed models that moved. */
  private final AtomicInteger memberships = new AtomicInteger();

  IndexLoads(Vertx vertx, HazelcastInstance hazelcast, IMap<String, ModelConfig> models, ModelIndex index) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.models = models;
    this.index = index;
  }

  /** Loads on the calling thread (blocking: a worker thread), or in the background again should it fail. */
  void loadNow() {
    loading.set(true);
    try {
      load();
      loaded(null);
    } catch (RuntimeException e) {
      loaded(e);
    }
  }

  /** Notes a member joining or leaving: a load running now is discarded. */
  void membershipChanged() {
    memberships.incrementAndGet();
  }

  /** Loads every model's index entry again, in the background; one load at a time. */
  void reload() {
    if (!loading.compareAndSet(false, true)) {
      loadAgain = true;
      return;
    }
    Blocking.onWorker(vertx, () -> {
      load();
      return null;
    }).onComplete(done -> loaded(done.cause()));
  }

  /** Loads every model's entry, or fails unless the load is known complete (see the class). */
  private void load() {
    int membershipsBefore = memberships.get();
    if (!hazelcast.getPartitionService().isClusterSafe()) {
      throw new IllegalStateException("the cluster is not safe (migrations or backups in progress)");
    }
    LOG.debug("Loading the list index");
    index.beginRebuild();
    Map<String, IndexEntry> loaded = new HashMap<>();
    for (Object[] row : models.project(Projections.multiAttribute("id", "uid", "revision", "status", "baseModel"),
        Predicates.alwaysTrue())) {
      ModelStatus status = ModelStatus.fromWire((String) row[3]).orElse(ModelStatus.ERROR);
      loaded.put((String) row[0], new IndexEntry((String) row[1], ((Number) row[2]).longValue(), status,
          (String) row[4]));
    }
    if (memberships.get() != membershipsBefore || !hazelcast.getPartitionService().isClusterSafe()) {
      throw new IllegalStateException("the cluster changed while the list index was loaded");
    }
    index.rebuilt(loaded);
  }

  private void loaded(Throwable failure) {
    loading.set(false);
    if (failure != null) {
      index.rebuildFailed();
      LOG.debug("The list index was not loaded ({}); {}", failure.toString(),
          index.ready() ? "it keeps following changes" : "lists query the grid meanwhile");
    }
    if (loadAgain) {
      loadAgain = false;
      reload();
    } else if (failure != null && !index.ready()) {
      retryLater();
    }
  }

  /** One load a second while the index is not ready and loads fail; never more than one retry waiting. */
  private void retryLater() {
    if (!retryWaiting.compareAndSet(false, true)) {
      return;
    }
    try {
      vertx.setTimer(RETRY_MILLIS, timer -> {
        retryWaiting.set(false);
        reload();
      });
    } catch (RuntimeException e) {
      retryWaiting.set(false);
      LOG.debug("No further load of the list index: {}", e.toString());
    }
  }
}
