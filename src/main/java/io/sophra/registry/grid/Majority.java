package io.sophra.registry.grid;

import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import io.sophra.registry.failure.RegistryException;

/**
 * Whether this member sees a strict majority of the cluster's expected members
 * ({@code MODEL_REGISTRY_CLUSTER_SIZE}), as Hazelcast's split-brain protection judges it. Without
 * one, the registry neither reads nor writes models here (see {@link SplitBrainSetup}); readiness
 * reports {@code no-quorum}. Always present when the protection is off (a cluster size of one).
 */
public final class Majority {

  private final HazelcastInstance hazelcast;
  private final SplitBrainProtection protection;
  private final int needed;

  private Majority(HazelcastInstance hazelcast, SplitBrainProtection protection, int needed) {
    this.hazelcast = hazelcast;
    this.protection = protection;
    this.needed = needed;
  }

  public static Majority of(HazelcastInstance hazelcast) {
    SplitBrainProtectionConfig config = hazelcast.getConfig().getSplitBrainProtectionConfigs()
        .get(SplitBrainSetup.PROTECTION);
    if (config == null) {
      return new Majority(hazelcast, null, 1);
    }
    return new Majority(hazelcast, hazelcast.getSplitBrainProtectionService()
        .getSplitBrainProtection(SplitBrainSetup.PROTECTION), config.getMinimumClusterSize());
  }

  /** Whether this member may serve models now: a volatile read, cheap enough for every lookup. */
  public boolean present() {
    return protection == null || protection.hasMinimumSize();
  }

  /** Members this member sees (lite members, which hold no data, do not count). */
  public int seen() {
    return (int) hazelcast.getCluster().getMembers().stream().filter(member -> !member.isLiteMember()).count();
  }

  /** Members it must see. */
  public int needed() {
    return needed;
  }

  RegistryException.NoQuorum refusal() {
    return new RegistryException.NoQuorum("this node sees " + seen() + " cluster member(s) and needs " + needed
        + " (a strict majority of MODEL_REGISTRY_CLUSTER_SIZE) to read or write models: it may be cut off from"
        + " the others; nothing was read or changed, retry through another node", null);
  }
}
