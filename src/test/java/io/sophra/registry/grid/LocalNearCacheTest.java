package io.sophra.registry.grid;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.nearcache.NearCacheRecord;
import com.hazelcast.internal.nearcache.impl.invalidation.MetaDataContainer;
import com.hazelcast.internal.nearcache.impl.store.AbstractNearCacheRecordStore;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.support.TestNodes;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the Hazelcast internal that {@link LocalNearCache} relies on. Should an upgrade change the
 * proxy type of a map with a Near Cache, {@code LocalNearCache.of} would quietly find no Near Cache:
 * the writer's staleness fix and the direct reads would be gone with no other test noticing. These
 * fail instead.
 */
@DisplayName("LocalNearCache reaches the models map's Near Cache through Hazelcast's internal proxy type")
class LocalNearCacheTest {

  private static final Caller CALLER = Caller.system("test");
  private static RegistryNode node;

  @BeforeAll
  static void start() {
    node = TestNodes.single();
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("The models map is a NearCachedMapProxyImpl (Hazelcast internal, pinned at this version)")
  void modelsMapHasTheInternalProxyType() {
    Object models = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
    assertThat(models).isInstanceOf(NearCachedMapProxyImpl.class);
    assertThat(((NearCachedMapProxyImpl<?, ?>) models).getNearCache()).isNotNull();
  }

  @Test
  @DisplayName("The Near Cache is Hazelcast's DefaultNearCache and its records live in an AbstractNearCacheRecordStore")
  void nearCacheHasTheInternalRecordStore() {
    assertThat(records()).isInstanceOf(AbstractNearCacheRecordStore.class);
  }

  @Test
  @DisplayName("peek answers a read model from this member's Near Cache: the very object getModel returns")
  void peekSeesWhatAReadCached() throws Exception {
    LocalNearCache nearCache = LocalNearCache.of(models());
    assertThat(nearCache.peek("never-registered", ModelConfig.class)).isNull();
    ModelConfig read = cached("pinned-near-cache", nearCache);
    assertThat(nearCache.peek("pinned-near-cache", ModelConfig.class)).isSameAs(read);
  }

  @Test
  @DisplayName("peek writes no shared counter on a hit, and refreshes the record's access time at most once a second")
  void peekLeavesSharedCountersAlone() throws Exception {
    LocalNearCache nearCache = LocalNearCache.of(models());
    ModelConfig read = cached("quiet-hits", nearCache);
    NearCacheRecord record = records().getRecord("quiet-hits");
    long hits = models().getLocalMapStats().getNearCacheStats().getHits();
    long recordHits = record.getHits();

    // the record keeps whole seconds
    long longAgo = System.currentTimeMillis() - 5_000;
    record.setLastAccessTime(longAgo);
    assertThat(nearCache.peek("quiet-hits", ModelConfig.class)).isSameAs(read);
    assertThat(record.getLastAccessTime()).isGreaterThan(longAgo + 3_000);

    // less than a second old (here: ahead of the clock): left as it is
    record.setLastAccessTime(System.currentTimeMillis() + 10_000);
    long recent = record.getLastAccessTime();
    assertThat(nearCache.peek("quiet-hits", ModelConfig.class)).isSameAs(read);
    assertThat(record.getLastAccessTime()).isEqualTo(recent);

    assertThat(models().getLocalMapStats().getNearCacheStats().getHits()).isEqualTo(hits);
    assertThat(record.getHits()).isEqualTo(recordHits);
  }

  @Test
  @DisplayName("peek does not answer a record the Near Cache's own detector finds stale: the Near Cache drops it")
  void peekRefusesAStaleRecord() throws Exception {
    LocalNearCache nearCache = LocalNearCache.of(models());
    cached("stale-copy", nearCache);
    NearCacheRecord record = records().getRecord("stale-copy");
    MetaDataContainer partition = records().getStaleReadDetector().getMetaDataContainer(record.getPartitionId());
    long staleBefore = partition.getStaleSequence();
    long stale = record.getInvalidationSequence() + 1;
    // what the repairing task does when it learns of invalidations this member missed
    assertThat(partition.casStaleSequence(staleBefore, stale)).isTrue();
    try {
      assertThat(nearCache.peek("stale-copy", ModelConfig.class)).isNull();
      assertThat(records().getRecord("stale-copy")).isNull();
    } finally {
      partition.casStaleSequence(stale, staleBefore);
    }
  }

  /** Registers {@code id} and reads it until this member's Near Cache holds it; answers the model read. */
  private static ModelConfig cached(String id, LocalNearCache nearCache) throws Exception {
    await(node.registry().registerModel(CALLER, ModelDraft.of(id, "base", "1", Map.of("k", 1), Map.of(),
        ModelStatus.INITIALIZING)));
    ModelConfig[] read = new ModelConfig[1];
    // the registration's own invalidation may still evict the first cached copy: read until it stays
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      read[0] = await(node.registry().getModel(CALLER, new ModelId(id)));
      assertThat(nearCache.peek(id, ModelConfig.class)).isSameAs(read[0]);
    });
    return read[0];
  }

  private static IMap<String, ModelConfig> models() {
    return node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
  }

  private static AbstractNearCacheRecordStore<Object, Object, ?, ?, ?> records() {
    return LocalNearCache.recordsOf(((NearCachedMapProxyImpl<?, ?>) models()).getNearCache());
  }
}
