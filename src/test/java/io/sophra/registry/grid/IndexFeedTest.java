package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.SimpleEntryView;
import com.hazelcast.map.impl.operation.MergeOperation;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.merge.MergingValueFactory;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import com.hazelcast.spi.merge.SplitBrainMergeTypes.MapMergeTypes;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.support.Ports;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The list index fed by real members: a split-brain merge's entry (Hazelcast's own MergeOperation,
 * run at the key's owner as the merging member sends it) and members joining and leaving.
 */
@DisplayName("The list index follows a merge's entries and reloads after membership changes")
class IndexFeedTest {

  private static final Duration BOUND = Duration.ofSeconds(20);

  private final String cluster = "index-feed-" + UUID.randomUUID();
  private final int[] ports = {Ports.free(), Ports.free(), Ports.free()};
  private Vertx vertx;
  private HazelcastInstance first;
  private HazelcastInstance second;
  private IMap<String, ModelConfig> models;
  private ModelIndex index;

  private HazelcastInstance member(int port) {
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    return Hazelcast.newHazelcastInstance(GridConfig.build(ConfigLoader.load(Map.of(
        "MODEL_REGISTRY_CLUSTER_NAME", cluster,
        "MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(port),
        "MODEL_REGISTRY_CLUSTER_MEMBERS", members), Map.of())));
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    first = member(ports[0]);
    second = member(ports[1]);
    models = first.getMap(GridModelRegistry.MAP_NAME);
    index = IndexFeed.start(vertx, first, models).index();
    await().atMost(BOUND).until(index::ready);
  }

  @AfterEach
  void stop() {
    first.getLifecycleService().terminate();
    second.getLifecycleService().terminate();
    vertx.close().await();
  }

  private List<String> ids() {
    return index.page(ModelQuery.firstPage(ModelQuery.MAX_LIMIT));
  }

  private static ModelConfig model(String id, String uid, long revision) {
    return new ModelConfig(id, "base", "1", Map.of(), Map.of(), ModelStatus.READY, Instant.EPOCH, Instant.EPOCH, uid,
        revision);
  }

  /**
   * PartitionIT's case: a deletion on the larger side (its answer lost, so the audit log has none),
   * then the smaller side's copy of that incarnation merged back where the larger side has none.
   */
  @Test
  @DisplayName("A model a merge puts back after its deletion is listed again")
  @SuppressWarnings("unchecked")
  void mergedBack() throws Exception {
    ModelConfig copy = model("merged-back", "u1", 3);
    models.set(copy.id(), copy);
    await().atMost(BOUND).until(() -> ids().contains(copy.id()));
    models.executeOnKey(copy.id(), new DeleteProcessor(null));
    await().atMost(BOUND).until(() -> !ids().contains(copy.id()));

    NodeEngineImpl engine = ((com.hazelcast.instance.impl.HazelcastInstanceProxy) first).getOriginal().node.getNodeEngine();
    SerializationService serialization = engine.getSerializationService();
    Data key = serialization.toData(copy.id());
    MapMergeTypes<Object, Object> entry = MergingValueFactory.createMergingEntry(serialization,
        new SimpleEntryView<>(key, serialization.toData(copy)));
    MergeOperation merge = new MergeOperation(GridModelRegistry.MAP_NAME, List.of(entry),
        (SplitBrainMergePolicy) new RevisionMergePolicy(), false);
    int partition = engine.getPartitionService().getPartitionId(key);
    engine.getOperationService().invokeOnPartition(MapService.SERVICE_NAME, merge, partition).get();
    assertThat(models.get(copy.id())).isEqualTo(copy);

    await().atMost(BOUND).until(() -> ids().contains(copy.id()));
  }

  /** An entry the index lost (or kept wrongly) is mended by the load every membership change brings. */
  @Test
  @DisplayName("A member joining, and one leaving, makes the index reload once the cluster is safe")
  void membershipChangeReloads() {
    ModelConfig held = model("held", "u2", 1);
    models.set(held.id(), held);
    await().atMost(BOUND).until(() -> ids().contains(held.id()));
    index.changed(held.id(), held, null);
    index.changed("ghost", null, model("ghost", "u3", 1));
    assertThat(ids()).containsExactly("ghost");

    HazelcastInstance third = member(ports[2]);
    await().atMost(BOUND).until(() -> index.ready() && ids().equals(List.of(held.id())));

    index.changed(held.id(), held, null);
    third.shutdown();
    await().atMost(BOUND).until(() -> index.ready() && ids().equals(List.of(held.id())));
  }
}
