package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import io.sophra.registry.background.Blocking;
import io.sophra.registry.model.ModelConfig;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the store agree with the grid again for a model whose write the store did not accept.
 *
 * <p>Design note. A write the store refused or could not receive leaves both sides unchanged. But a
 * write that timed out may still reach the store later (a stalled Redis works through its socket
 * buffer when it resumes), while the grid, told that the store failed, kept the previous value; and
 * a write whose outcome is unknown to the grid (request deadline, member lost mid-write) may be in
 * one side only. So each such model is noted here and, a second later and then every second until
 * it works, the grid's current value is written to the store again: a present model is set to
 * itself (same revision), an absent one is deleted. The key is locked meanwhile, so no write of that
 * model runs in between, and the store receives the rewrite after any late write of the same model
 * (one connection, in order). Repairs stop at the first failure (the store is still away) and run
 * on a worker thread. What is noted lives in this member only: if it dies first, the next write of
 * that model, or the next full start (which loads what Redis holds), settles it.
 */
final class StoreRepairs {

  private static final Logger LOG = LoggerFactory.getLogger(StoreRepairs.class);
  private static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final IMap<String, ModelConfig> models;
  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final boolean enabled;

  /** With {@code enabled} false (the map has no store) nothing is ever noted. */
  StoreRepairs(Vertx vertx, IMap<String, ModelConfig> models, boolean enabled) {
    this.vertx = vertx;
    this.models = models;
    this.enabled = enabled;
  }

  /** Notes that the store may disagree with the grid about this model. */
  void schedule(String id) {
    if (!enabled) {
      return;
    }
    pending.put(id, sequence.incrementAndGet());
    arm();
  }

  private void arm() {
    if (!pending.isEmpty() && armed.compareAndSet(false, true)) {
      try {
        vertx.setTimer(RETRY_MILLIS, timer -> Blocking.onWorker(vertx, () -> {
          repairAll();
          return null;
        }).onComplete(done -> {
          armed.set(false);
          if (!(done.cause() instanceof Blocking.Stopping)) {
            arm();
          }
        }));
      } catch (RuntimeException e) {
        LOG.debug("No more repairs: the node is stopping ({})", e.toString());
      }
    }
  }

  private void repairAll() {
    for (Map.Entry<String, Long> entry : Map.copyOf(pending).entrySet()) {
      try {
        repair(entry.getKey());
        pending.remove(entry.getKey(), entry.getValue());
        LOG.info("The store agrees with the grid again about model '{}'", entry.getKey());
      } catch (RuntimeException e) {
        LOG.debug("Repair of model '{}' in the store failed, retrying later: {}", entry.getKey(), e.toString());
        return;
      }
    }
  }

  private void repair(String id) {
    models.lock(id);
    try {
      if (models.containsKey(id)) {
        models.executeOnKey(id, new RewriteProcessor());
      } else {
        models.delete(id);
      }
    } finally {
      models.unlock(id);
    }
  }
}
