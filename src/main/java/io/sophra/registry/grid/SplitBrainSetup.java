package io.sophra.registry.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.SplitBrainProtectionListenerConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionEvent;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.sophra.registry.config.ClusterSettings;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a member behaves when the network splits the cluster: how fast it notices, how it refuses to
 * serve without a majority, and how the sides merge once the network heals. The one place that lists
 * the grid structures under split-brain protection.
 *
 * <p>Design note (README "Split brain"). With {@code MODEL_REGISTRY_CLUSTER_SIZE} above one, every
 * read and write of a protected structure needs a strict majority of the expected members, counting
 * only members heard from within {@link #heartbeatToleranceMillis}, checked by Hazelcast at the
 * member that runs the operation (and by {@link Majority} before a Near Cache hit, which Hazelcast
 * does not check, and once more when a call completes). So at most one side of a split acknowledges
 * anything, and together with a backup count that gives every model a copy outside any minority
 * ({@link ClusterSettings}), that side holds every acknowledged write. When the sides merge, the
 * smaller one's entries pass through {@link RevisionMergePolicy}, and {@link AfterMerge} then
 * removes what the larger side deleted and recounts the slots.
 */
final class SplitBrainSetup {

  /** The name of the split-brain protection every protected structure refers to. */
  static final String PROTECTION = "registry-majority";

  /**
   * The maps that refuse reads and writes without a majority: the models, the audit log, the count of
   * model (and alias) slots, the aliases, their locks and the metric series.
   */
  static final List<String> PROTECTED_MAPS = List.of(GridModelRegistry.MAP_NAME, GridAuditLog.MAP_NAME,
      ModelSlots.MAP_NAME, GridAliasRegistry.MAP_NAME, AliasLocks.MAP_NAME, GridModelMetrics.MAP_NAME);

  /** The ringbuffers that refuse reads and writes without a majority: the change log. */
  static final List<String> PROTECTED_RINGBUFFERS = List.of(GridChangeLog.RING_NAME);

  private static final int HEARTBEAT_INTERVAL_SECONDS = 1;
  private static final Logger LOG = LoggerFactory.getLogger(SplitBrainSetup.class);

  private SplitBrainSetup() {
  }

  static void apply(Config config, ClusterSettings cluster) {
    configureDetection(config, cluster);
    config.getMapConfig(GridModelRegistry.MAP_NAME).setMergePolicyConfig(
        new MergePolicyConfig(RevisionMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
    if (!cluster.splitBrainProtected()) {
      return;
    }
    int tolerance = heartbeatToleranceMillis(cluster);
    config.addSplitBrainProtectionConfig(SplitBrainProtectionConfig
        .newRecentlyActiveSplitBrainProtectionConfigBuilder(PROTECTION, cluster.majority(), tolerance)
        .enabled(true).build()
        .setProtectOn(SplitBrainProtectionOn.READ_WRITE)
        .addListenerConfig(new SplitBrainProtectionListenerConfig(event -> logChange(event, tolerance))));
    PROTECTED_MAPS.forEach(name -> config.getMapConfig(name).setSplitBrainProtectionName(PROTECTION));
    PROTECTED_RINGBUFFERS.forEach(name -> config.getRingbufferConfig(name).setSplitBrainProtectionName(PROTECTION));
  }

  /**
   * How recent a member's last heartbeat must be for it to count towards the majority: half the
   * heartbeat timeout. A member that counted only members still listed would keep its majority
   * until it removed the silent ones, one by one; counting only members heard from recently, a
   * cut-off member refuses well before it removes anyone, so a write it completes as the others are
   * removed (Hazelcast then counts their backups as done) is never acknowledged.
   */
  static int heartbeatToleranceMillis(ClusterSettings cluster) {
    return (int) Math.max(1500, cluster.heartbeatTimeout().toMillis() / 2);
  }

  private static void logChange(SplitBrainProtectionEvent event, int toleranceMillis) {
    if (event.isPresent()) {
      LOG.info("This node sees a majority of the cluster again ({} needed, {} listed): serving models",
          event.getThreshold(), event.getCurrentMembers().size());
    } else {
      LOG.warn("This node lost the cluster's majority (fewer than {} members heard from in the last {} ms; {} listed):"
          + " it refuses to read or write models until it sees a majority again", event.getThreshold(),
          toleranceMillis, event.getCurrentMembers().size());
    }
  }

  /**
   * Heartbeats every second; a member silent for the heartbeat timeout is removed (Hazelcast's
   * default is 60 s). A cluster looks for the other side of a split every merge interval (Hazelcast
   * waits 300 s after start, then 120 s between looks).
   */
  private static void configureDetection(Config config, ClusterSettings cluster) {
    config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(HEARTBEAT_INTERVAL_SECONDS));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.heartbeatTimeout().toSeconds()));
    config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(cluster.mergeInterval().toSeconds()));
    config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(cluster.mergeInterval().toSeconds()));
  }
}
