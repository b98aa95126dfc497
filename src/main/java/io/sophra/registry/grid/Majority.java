package io.sophra.registry.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;

/**
 * Whether this member sees a strict majority of the cluster's expected members
 * ({@code MODEL_REGISTRY_CLUSTER_SIZE}), as Hazelcast's split-brain protection judges it (counting
 * members heard from recently, see {@link SplitBrainSetup}). Without one, the registry neither reads
 * nor writes models here, and readiness reports {@code no-quorum}. Always present when the
 * protection is off (a cluster size of one). Checking costs a volatile read and a look at the member
 * list, cheap enough for every lookup.
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

  /** Whether the protection is on (a cluster size above one). */
  boolean enabled() {
    return protection != null;
  }

  /**
   * Whether this member may serve models now: Hazelcast's verdict, and the member list as it is this
   * instant (updated before Hazelcast acts on a departure; its verdict follows a moment later).
   */
  public boolean present() {
    return protection == null || protection.hasMinimumSize() && seen() >= needed;
  }

  /** Members this member sees (lite members, which hold no data, do not count). */
  public int seen() {
    int seen = 0;
    for (Member member : hazelcast.getCluster().getMembers()) {
      if (!member.isLiteMember()) {
        seen++;
      }
    }
    return seen;
  }

  /** Members it must see. */
  public int needed() {
    return needed;
  }

  /**
   * {@code value} of a read that has just answered, or NoQuorum when this member lost its majority
   * meanwhile: a read that met the split may have been answered by this side alone (a partition
   * whose copies were all on the other side looks empty here).
   */
  <T> Future<T> confirmRead(T value) {
    return present() ? Future.succeededFuture(value) : Future.failedFuture(refusal());
  }

  /**
   * {@code value} of a write that has just completed, or Unavailable when this member lost its
   * majority meanwhile: Hazelcast counts the backup on a member that left as done, so such a write
   * may exist on this side of the split only, and is acknowledged by nobody.
   */
  <T> Future<T> confirmWrite(T value) {
    return present() ? Future.succeededFuture(value) : Future.failedFuture(new RegistryException.Unavailable(
        "this node lost sight of the cluster's majority while the write was in flight, so it may have been made on"
            + " this side of a network split only; its outcome is unknown, re-read the model through another node", null));
  }

  RegistryException.NoQuorum refusal() {
    return new RegistryException.NoQuorum("this node sees " + seen() + " cluster member(s) and needs " + needed
        + " (a strict majority of MODEL_REGISTRY_CLUSTER_SIZE) to read or write models: it may be cut off from"
        + " the others; nothing was read or changed, retry through another node", null);
  }
}
