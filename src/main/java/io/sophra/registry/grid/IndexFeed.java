package io.sophra.registry.grid;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
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
import io.sophra.registry.model.ModelConfig;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ModelIndex} in step with the models map: every change in the cluster through one
 * entry listener (values included, events of one key in order), a full load at start, and a full
 * reload ({@link IndexLoads}) after a member joined or left (on every member: models move between
 * members, a merge sends the smaller side's), after this member merged back from a split, lost a
 * partition or saw the map cleared, and every Near Cache reconciliation interval, which bounds how
 * long a lost event could leave the index wrong, as it bounds the Near Cache's staleness. After a
 * membership change or a merge the index serves no page until its reload completes (lists query the
 * grid meanwhile). This member's own writes are applied by {@link GridModelRegistry} as they are
 * acknowledged.
 */
final class IndexFeed implements EntryAddedListener<String, ModelConfig>, EntryUpdatedListener<String, ModelConfig>,
    EntryRemovedListener<String, ModelConfig>, EntryMergedListener<String, ModelConfig>,
    EntryLoadedListener<String, ModelConfig>, EntryEvictedListener<String, ModelConfig>,
    EntryExpiredListener<String, ModelConfig>, MapClearedListener, MapEvictedListener, MapPartitionLostListener,
    LifecycleListener, MembershipListener {

  private static final Logger LOG = LoggerFactory.getLogger(IndexFeed.class);
  static final String RECONCILIATION_PROPERTY = "hazelcast.invalidation.reconciliation.interval.seconds";

  private final ModelIndex index;
  private final IndexLoads loads;

  private IndexFeed(ModelIndex index, IndexLoads loads) {
    this.index = index;
    this.loads = loads;
  }

  /**
   * A feed of a new index of {@code models} from now on, loaded before this returns when the grid
   * answers (blocking: a worker thread), else in the background (until then the index is not
   * {@link ModelIndex#ready}).
   */
  static IndexFeed start(Vertx vertx, HazelcastInstance hazelcast, IMap<String, ModelConfig> models) {
    ModelIndex index = new ModelIndex();
    IndexFeed feed = new IndexFeed(index, new IndexLoads(vertx, hazelcast, models, index));
    models.addEntryListener(feed, true);
    models.addPartitionLostListener(feed);
    hazelcast.getLifecycleService().addLifecycleListener(feed);
    hazelcast.getCluster().addMembershipListener(feed);
    feed.loads.loadNow();
    String seconds = hazelcast.getConfig().getProperty(RECONCILIATION_PROPERTY);
    long interval = 1000 * (seconds == null ? 60 : Long.parseLong(seconds));
    vertx.setPeriodic(interval, interval, timer -> feed.reload());
    return feed;
  }

  ModelIndex index() {
    return index;
  }

  /** Loads every model's index entry again, in the background (see {@link IndexLoads}). */
  void reload() {
    loads.reload();
  }

  @Override
  public void entryAdded(EntryEvent<String, ModelConfig> event) {
    index.observed(event.getKey(), null, event.getValue());
  }

  @Override
  public void entryUpdated(EntryEvent<String, ModelConfig> event) {
    index.observed(event.getKey(), event.getOldValue(), event.getValue());
  }

  @Override
  public void entryRemoved(EntryEvent<String, ModelConfig> event) {
    LOG.debug("{} '{}': {} -> {}", event.getEventType(), event.getKey(), version(event.getOldValue()),
        version(event.getValue()));
    index.observed(event.getKey(), event.getOldValue(), null);
  }

  @Override
  public void entryMerged(EntryEvent<String, ModelConfig> event) {
    LOG.debug("{} '{}': {} -> {}", event.getEventType(), event.getKey(), version(event.getOldValue()),
        version(event.getValue()));
    index.observed(event.getKey(), event.getOldValue(), event.getValue());
  }

  @Override
  public void entryLoaded(EntryEvent<String, ModelConfig> event) {
    index.observed(event.getKey(), null, event.getValue());
  }

  @Override
  public void entryEvicted(EntryEvent<String, ModelConfig> event) {
    index.observed(event.getKey(), event.getOldValue(), null);
  }

  @Override
  public void entryExpired(EntryEvent<String, ModelConfig> event) {
    index.observed(event.getKey(), event.getOldValue(), null);
  }

  private static String version(ModelConfig model) {
    return model == null ? "none" : model.uid() + "." + model.revision();
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

  /**
   * A member joined or left: models move between members (migrations, promotions, a merge's entries),
   * so this member lists from the grid until a load after the change completes.
   */
  @Override
  public void memberAdded(MembershipEvent event) {
    membershipChanged(event);
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    membershipChanged(event);
  }

  private void membershipChanged(MembershipEvent event) {
    LOG.debug("Member {} {}: lists query the grid until the list index is reloaded", event.getMember().getAddress(),
        event.getEventType() == MembershipEvent.MEMBER_ADDED ? "joined" : "left");
    loads.membershipChanged();
    index.invalidate();
    reload();
  }

  /** Before a merge this member's data is replaced by the other side's: no pages from the index until reloaded. */
  @Override
  public void stateChanged(LifecycleEvent event) {
    LOG.debug("Lifecycle {}", event.getState());
    if (event.getState() == LifecycleEvent.LifecycleState.MERGING) {
      index.invalidate();
    } else if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
      index.invalidate();
      reload();
    }
  }
}
