package io.sophra.registry.grid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's ordered index of the models, by id: for each model only what choosing a list page
 * needs (its incarnation and revision, its status and base model), never the model itself, which the
 * page reads through the Near Cache. Pages are read without a lock from a
 * {@link ConcurrentSkipListMap}; changes are serialized by one lock, held for one key at a time.
 *
 * <p>Design note: ordering. Changes arrive from two sources that are not ordered with each other:
 * the map's entry events (every change in the cluster, in order per key) and this member's own
 * acknowledged writes, applied before their callers hear of them (read-your-writes). So each change
 * carries its version: within one incarnation ({@code uid}) a lower or equal revision never replaces
 * a higher one, and a removed (or replaced) incarnation leaves a tombstone for
 * {@link #TOMBSTONE_LIFE}, so a late event of it cannot bring it back. Between two incarnations of an
 * id (a deletion and a new registration, an overwriting restore) the later change wins, and the
 * entry events, which come in the owner's order, settle what a race left. A removed incarnation can
 * come back: a split-brain merge puts the smaller side's copy back where the larger side has none (a
 * {@code MERGED} event, see {@link RevisionMergePolicy}), a restore puts a backup's copy back. An
 * event that follows the event of the removal is later than it, so it passes the tombstone; this
 * member's own write, which may overtake the removal's event, does not.
 *
 * <p>A rebuild ({@link #beginRebuild}, {@link #rebuilt}) loads what the grid holds now while changes
 * keep arriving. For an id no change touched meanwhile the loaded row is the truth (it was read after
 * every change the index had seen), tombstones notwithstanding: a merge can put an incarnation back.
 * An id changed meanwhile is judged by the rules above, and keeps what its change said when the
 * loaded row is of another incarnation; ids neither loaded nor changed meanwhile are dropped.
 */
final class ModelIndex {

  private static final Logger LOG = LoggerFactory.getLogger(ModelIndex.class);

  /** How long a removed incarnation is remembered: far beyond any delay of an entry event. */
  static final Duration TOMBSTONE_LIFE = Duration.ofMinutes(5);

  /** A removed incarnation; {@code seen} once the removal's entry event arrived (not only this member's write). */
  private record Gone(String uid, long revision, boolean seen) {
  }

  private final ConcurrentSkipListMap<String, IndexEntry> entries = new ConcurrentSkipListMap<>();
  /** Removed incarnations by id; maintained on the caller's thread (no common-pool tasks). */
  private final Cache<String, Gone> tombstones = Caffeine.newBuilder().expireAfterWrite(TOMBSTONE_LIFE)
      .executor(Runnable::run).build();
  private final Object lock = new Object();
  /** Ids changed since the running rebuild began; null when none runs. Guarded by {@link #lock}. */
  private Set<String> changedDuringRebuild;
  private volatile boolean ready;
  /** Counts {@link #invalidate} calls: a load begun before one must not make the index ready. */
  private volatile int generation;
  private int rebuildGeneration;

  /** Whether the index holds the grid's models (loaded at least once, not invalidated since). */
  boolean ready() {
    return ready;
  }

  /** Stops answering pages until the next rebuild completes (this member's data changed wholesale). */
  void invalidate() {
    synchronized (lock) {
      generation++;
      ready = false;
    }
  }

  int size() {
    return entries.size();
  }

  /**
   * The ids of the models matching {@code query}'s filters after its cursor, in id order: at most
   * {@code limit + 1}, so the caller knows whether there are more.
   */
  List<String> page(ModelQuery query) {
    NavigableMap<String, IndexEntry> from = query.after().isPresent()
        ? entries.tailMap(query.after().get().value(), false) : entries;
    List<String> ids = new ArrayList<>(Math.min(query.limit() + 1, 128));
    for (Map.Entry<String, IndexEntry> entry : from.entrySet()) {
      IndexEntry value = entry.getValue();
      if (query.admits(value.baseModel(), value.status())) {
        ids.add(entry.getKey());
        if (ids.size() > query.limit()) {
          break;
        }
      }
    }
    return ids;
  }

  /**
   * A change this member made, known from its write's outcome: {@code before} (null if none) became
   * {@code after} (null when removed). It may reach the index before or after entry events of other
   * changes of the model, so a tombstone of its incarnation keeps it out ({@link #observed} settles).
   */
  void changed(String id, ModelConfig before, ModelConfig after) {
    apply(id, before, after, false);
  }

  /**
   * A change seen in an entry event. Events of one key arrive in the owner's order, so an event that
   * follows the event of an incarnation's removal is later than that removal: a merge that put the
   * incarnation back, or a restore of it. It is shown, tombstone notwithstanding.
   */
  void observed(String id, ModelConfig before, ModelConfig after) {
    apply(id, before, after, true);
  }

  private void apply(String id, ModelConfig before, ModelConfig after, boolean event) {
    synchronized (lock) {
      noteChange(id);
      if (after == null) {
        removed(id, before, event);
      } else {
        if (before != null && !before.uid().equals(after.uid())) {
          bury(id, before, event);
        }
        put(id, IndexEntry.of(after), event);
      }
    }
  }

  /**
   * {@code write}, whose outcome (when the write was done) is in the index before the write's own
   * callbacks run: a caller that lists on this member after its write sees it.
   */
  CompletionStage<WriteOutcome> afterWrite(String id, CompletionStage<WriteOutcome> write) {
    return write.whenCompleteAsync((outcome, failure) -> {
      if (outcome == null || !outcome.done()) {
        return;
      }
      try {
        Change change = outcome.toChange(id, Change.Type.UPDATED, null);
        if (change.before() != change.after()) {
          changed(id, change.before(), change.after());
        }
      } catch (RuntimeException e) {
        invalidate();
        LOG.warn("The list index missed a write of '{}' and serves no page until it is reloaded", id, e);
      }
    }, Runnable::run);
  }

  /** Marks the start of a load of every model; changes from now on are kept over what it loads. */
  void beginRebuild() {
    synchronized (lock) {
      changedDuringRebuild = new HashSet<>();
      rebuildGeneration = generation;
    }
  }

  /** Applies a load begun with {@link #beginRebuild}: every model the grid held, and the index is ready. */
  void rebuilt(Map<String, IndexEntry> loaded) {
    for (Map.Entry<String, IndexEntry> row : loaded.entrySet()) {
      synchronized (lock) {
        IndexEntry current = entries.get(row.getKey());
        if (changedDuringRebuild == null || !changedDuringRebuild.contains(row.getKey())) {
          entries.put(row.getKey().intern(), row.getValue());
        } else if (current == null || current.sameIncarnation(row.getValue())) {
          put(row.getKey(), row.getValue(), false);
        }
      }
    }
    List<String> dropped = new ArrayList<>();
    for (String id : entries.keySet()) {
      synchronized (lock) {
        if (!loaded.containsKey(id) && (changedDuringRebuild == null || !changedDuringRebuild.contains(id))) {
          entries.remove(id);
          dropped.add(id);
        }
      }
    }
    synchronized (lock) {
      LOG.debug("Reloaded: {} models, dropped {}, ready {}", loaded.size(), dropped, rebuildGeneration == generation);
      changedDuringRebuild = null;
      ready = rebuildGeneration == generation;
    }
  }

  /** Gives up a rebuild begun with {@link #beginRebuild} (its load failed). */
  void rebuildFailed() {
    synchronized (lock) {
      changedDuringRebuild = null;
    }
  }

  private void noteChange(String id) {
    if (changedDuringRebuild != null) {
      changedDuringRebuild.add(id);
    }
  }

  /**
   * Stores {@code entry} unless the index knows a later version of the same incarnation: a higher
   * revision, or its removal, except that an event after the removal's event is later than it.
   */
  private void put(String id, IndexEntry entry, boolean event) {
    Gone gone = tombstones.getIfPresent(id);
    if (gone != null && entry.isOf(gone.uid())) {
      if (event && gone.seen()) {
        tombstones.invalidate(id);
        LOG.debug("'{}' {}.{} is back after its removal (a merge or a restore)", id, gone.uid(), entry.revision());
      } else if (gone.revision() >= entry.revision()) {
        return;
      }
    }
    IndexEntry current = entries.get(id);
    if (current != null && current.sameIncarnation(entry) && current.revision() >= entry.revision()) {
      return;
    }
    entries.put(id.intern(), entry); // the same string as the id of the model read back (ModelSerializer)
  }

  /** Removes the entry of the incarnation {@code before} (any entry of the id when it is unknown). */
  private void removed(String id, ModelConfig before, boolean event) {
    if (before == null) {
      LOG.debug("Removal of '{}' (old value unknown): {} removed", id, entries.remove(id));
      return;
    }
    bury(id, before, event);
    IndexEntry current = entries.get(id);
    boolean ours = current != null && current.isOf(before.uid());
    if (ours) {
      entries.remove(id);
    }
    LOG.debug("Removal of '{}' {}.{}: {}", id, before.uid(), before.revision(), ours ? "removed" : current);
  }

  private void bury(String id, ModelConfig incarnation, boolean event) {
    Gone previous = tombstones.getIfPresent(id);
    if (previous == null || !previous.uid().equals(incarnation.uid()) || previous.revision() < incarnation.revision()) {
      tombstones.put(id, new Gone(incarnation.uid(), incarnation.revision(), event));
    } else if (event && !previous.seen() && previous.revision() == incarnation.revision()) {
      tombstones.put(id, new Gone(previous.uid(), previous.revision(), true));
    }
  }
}
