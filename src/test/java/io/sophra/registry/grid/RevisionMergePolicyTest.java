package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.map.impl.SimpleEntryView;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.spi.impl.merge.MergingValueFactory;
import com.hazelcast.spi.merge.SplitBrainMergeTypes.MapMergeTypes;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.support.Ports;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The merge policy of the models map, fed real merging entries as Hazelcast builds them (from a real
 * member's serialization service), and configured on a real member the way every node configures it.
 */
@DisplayName("Revision-aware merge of the models after a network split")
class RevisionMergePolicyTest {

  private static HazelcastInstance member;
  private static SerializationService serialization;
  private final RevisionMergePolicy policy = new RevisionMergePolicy();

  @BeforeAll
  static void startMember() {
    int port = Ports.free();
    member = Hazelcast.newHazelcastInstance(GridConfig.build(ConfigLoader.load(Map.of(
        "MODEL_REGISTRY_CLUSTER_NAME", "merge-" + UUID.randomUUID(),
        "MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(port),
        "MODEL_REGISTRY_CLUSTER_MEMBERS", "127.0.0.1:" + port), Map.of())));
    serialization = ((SerializationServiceSupport) member).getSerializationService();
  }

  @AfterAll
  static void stopMember() {
    member.shutdown();
  }

  @Test
  @DisplayName("Same incarnation: the higher revision wins, whichever side holds it")
  void higherRevisionWins() {
    ModelConfig revision2 = revision(model("m", "uid-1"), 2);
    ModelConfig revision5 = revision(revision2, 5);

    assertThat(merge(revision5, revision2)).isEqualTo(revision5);
    assertThat(merge(revision2, revision5)).isEqualTo(revision5);
  }

  @Test
  @DisplayName("Same incarnation and revision, different content: the larger side's copy stays")
  void tieKeepsTheLargerSide() {
    ModelConfig base = model("m", "uid-1");
    ModelConfig ours = new ModelConfig("m", "ours", "1", Map.of(), Map.of(), ModelStatus.READY, base.createdAt(),
        base.updatedAt(), "uid-1", 3);
    ModelConfig theirs = new ModelConfig("m", "theirs", "1", Map.of(), Map.of(), ModelStatus.ERROR, base.createdAt(),
        base.updatedAt(), "uid-1", 3);

    assertThat(merge(theirs, ours)).isEqualTo(ours);
  }

  @Test
  @DisplayName("Different incarnations: the larger side's wins, even against a higher revision")
  void otherIncarnationLoses() {
    ModelConfig ours = model("m", "uid-new");
    ModelConfig theirs = revision(model("m", "uid-old"), 9);

    assertThat(merge(theirs, ours)).isEqualTo(ours);
  }

  @Test
  @DisplayName("A model only the smaller side holds is kept (AfterMerge removes it if the larger side deleted it)")
  void onlyTheSmallerSideHoldsIt() {
    ModelConfig theirs = revision(model("m", "uid-1"), 4);

    Object merged = policy.merge(entry(theirs), null);

    assertThat((ModelConfig) serialization.toObject(merged)).isEqualTo(theirs);
  }

  @Test
  @DisplayName("Travels as an IdentifiedDataSerializable of the registry's factory, never by Java serialization")
  void serializable() {
    Data data = serialization.toData(policy);

    assertThat(data.getType()).isEqualTo(SerializationConstants.CONSTANT_TYPE_DATA_SERIALIZABLE);
    assertThat((Object) serialization.toObject(data)).isInstanceOf(RevisionMergePolicy.class);
  }

  @Test
  @DisplayName("Is the models map's merge policy, accepted by Hazelcast's configuration check")
  void configuredOnTheModelsMap() {
    assertThat(member.getConfig().getMapConfig(GridModelRegistry.MAP_NAME).getMergePolicyConfig().getPolicy())
        .isEqualTo(RevisionMergePolicy.class.getName());
    assertThat(member.getMap(GridModelRegistry.MAP_NAME).size()).isZero();
  }

  private ModelConfig merge(ModelConfig merging, ModelConfig existing) {
    return serialization.toObject(policy.merge(entry(merging), entry(existing)));
  }

  private MapMergeTypes<String, ModelConfig> entry(ModelConfig model) {
    Data key = serialization.toData(model.id());
    Data value = serialization.toData(model);
    return MergingValueFactory.createMergingEntry(serialization, new SimpleEntryView<>(key, value));
  }

  private static ModelConfig model(String id, String uid) {
    return ModelConfig.register(ModelDraft.of(id, "base", "1", Map.of(), Map.of(), ModelStatus.INITIALIZING), uid,
        Instant.now());
  }

  private static ModelConfig revision(ModelConfig model, long revision) {
    return new ModelConfig(model.id(), model.baseModel(), model.version(), Map.of("r", "revision " + revision), model.metadata(),
        model.status(), model.createdAt(), model.updatedAt(), model.uid(), revision);
  }
}
