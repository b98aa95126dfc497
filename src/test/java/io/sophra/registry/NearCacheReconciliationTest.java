package io.sophra.registry;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.internal.nearcache.NearCacheRecord;
import com.hazelcast.internal.nearcache.impl.invalidation.MetaDataContainer;
import com.hazelcast.internal.nearcache.impl.invalidation.RepairingHandler;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The worst case of Near Cache staleness: an invalidation that never arrives. A member's Near Cache
 * is put back into exactly the state a lost invalidation leaves (the old value cached, the
 * partition's invalidation sequence one behind the owner's), and the stale value must be gone within
 * MODEL_REGISTRY_NEAR_CACHE_RECONCILIATION (30 s here, the least allowed) plus the second Hazelcast
 * takes to act on a detected gap (the test allows 5 s for a loaded machine and prints the time). With Hazelcast's default tolerance of 10 missed invalidations, it
 * would stay until the model changed again.
 */
@DisplayName("Near Cache reconciliation after a lost invalidation")
class NearCacheReconciliationTest {

  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final Caller CALLER = Caller.system("reconciliation-test");

  private List<RegistryNode> nodes;

  @AfterEach
  void stop() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("A stale entry left by a lost invalidation heals within the reconciliation interval")
  void staleEntryHealsWithinTheInterval() throws InterruptedException {
    nodes = TestNodes.cluster(2, Map.of("MODEL_REGISTRY_NEAR_CACHE_RECONCILIATION", INTERVAL.toSeconds() + "s"));
    ModelRegistry writer = nodes.get(0).registry();
    ModelRegistry reader = nodes.get(1).registry();
    ModelId id = new ModelId("reconciled");
    await(writer.registerModel(CALLER, ModelDraft.of(id.value(), "base", "1", Map.of(), Map.of(), ModelStatus.INITIALIZING)));
    ModelConfig old = await(reader.getModel(CALLER, id));

    HazelcastInstance member = nodes.get(1).hazelcast();
    NearCachedMapProxyImpl<Object, Object> models = (NearCachedMapProxyImpl<Object, Object>) member.<Object, Object>getMap(
        GridModelRegistry.MAP_NAME);
    NearCache<Object, Object> nearCache = models.getNearCache();
    RepairingHandler repairing = ((MapService) models.getService()).getMapServiceContext().getMapNearCacheManager()
        .getRepairingTask().getHandlers().get(GridModelRegistry.MAP_NAME);
    MetaDataContainer partition = repairing.getMetaDataContainer(
        member.getPartitionService().getPartition(id.value()).getPartitionId());
    long sequenceBefore = partition.getSequence();

    await(writer.updateModel(CALLER, id, new JsonObject().put("status", "training"), Optional.empty()));
    while (await(reader.getModel(CALLER, id)).revision() != 2) {
      Thread.sleep(10);
    }
    assertThat(partition.getSequence()).as("the invalidation arrived").isGreaterThan(sequenceBefore);

    // Undo it: the reader's partition sequence back where it was, and the old value cached again.
    partition.setSequence(sequenceBefore);
    nearCache.invalidate(id.value());
    Data key = ((SerializationServiceSupport) member).getSerializationService().toData(id.value());
    long reservation = nearCache.tryReserveForUpdate(id.value(), key, NearCache.UpdateSemantic.READ_UPDATE);
    assertThat(reservation).as("Near Cache reservation").isNotEqualTo(NearCacheRecord.NOT_RESERVED);
    nearCache.tryPublishReserved(id.value(), old, reservation, false);
    long staleSince = System.nanoTime();
    assertThat(await(reader.getModel(CALLER, id)).revision()).as("the simulated loss took effect").isEqualTo(1);

    long bound = INTERVAL.plusSeconds(5).toNanos();
    while (await(reader.getModel(CALLER, id)).revision() == 1 && System.nanoTime() - staleSince < bound) {
      Thread.sleep(100);
    }
    long staleMillis = (System.nanoTime() - staleSince) / 1_000_000;
    System.out.printf("NEAR-CACHE-RECONCILIATION: stale for %d ms after a lost invalidation (interval %d s)%n",
        staleMillis, INTERVAL.toSeconds());

    assertThat(await(reader.getModel(CALLER, id)).revision()).as("revision read %d ms after the loss", staleMillis)
        .isEqualTo(2);
  }
}
