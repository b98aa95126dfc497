package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Change;
import io.sophra.registry.security.AuditAction;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditId;
import io.sophra.registry.support.TestNodes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ways an audit entry or a new model is stored only into an absent key, on real members. The
 * async put-if-absent this version appends and registers with: the internal proxy type it needs is
 * the one Hazelcast hands out (this fails on an upgrade that changes it), it never replaces a stored
 * value, and what it stored is backed up like any other write. The previous versions' entry
 * processors ({@link AppendEntry}, {@link RegisterProcessor}), no longer sent but still run for
 * members of those versions during a rolling restart: sent to whichever member owns the key, they
 * cross the wire through the serialization factory, store into an absent key only, and their backups
 * hold what they stored.
 */
@DisplayName("An audit entry or a new model stored only into an absent key")
class AbsentPutsTest {

  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
  private static final int ENTRIES = 30;

  private List<RegistryNode> nodes;
  private IMap<String, AuditEntry> map;

  @BeforeEach
  void start() {
    nodes = TestNodes.cluster(2, Map.of());
    map = nodes.get(0).hazelcast().getMap(GridAuditLog.MAP_NAME);
  }

  @AfterEach
  void stop() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("put-if-absent: stores into an absent key only, and its entries outlive the member that owned them")
  void putIfAbsentStoresOnceAndIsBackedUp() throws Exception {
    assertThat((Object) map).isInstanceOf(MapProxyImpl.class);
    AbsentPuts<String, AuditEntry> puts = AbsentPuts.of(map);
    for (int i = 1; i <= ENTRIES; i++) {
      AuditEntry entry = entry(i, "entry-" + i);
      assertThat(await(puts.putIfAbsent(entry.id().text(), entry))).isNull();
    }
    AuditEntry again = entry(1, "again");
    AuditEntry found = await(puts.putIfAbsent(again.id().text(), again));
    assertThat(found).isNotNull();
    assertThat(found.modelId()).isEqualTo("entry-1");
    assertEntriesOutliveTheirOwner();
  }

  @Test
  @DisplayName("the previous version's entry processor is still run: absent keys only, and backed up")
  void previousVersionsAppendStillRuns() throws Exception {
    for (int i = 1; i <= ENTRIES; i++) {
      AuditEntry entry = entry(i, "entry-" + i);
      assertThat(await(map.submitToKey(entry.id().text(), new AppendEntry(entry)))).isTrue();
    }
    AuditEntry again = entry(1, "again");
    assertThat(await(map.submitToKey(again.id().text(), new AppendEntry(again)))).isFalse();
    assertEntriesOutliveTheirOwner();
  }

  @Test
  @DisplayName("the previous version's registration processor is still run: absent ids only, and backed up")
  void previousVersionsRegistrationStillRuns() throws Exception {
    IMap<String, ModelConfig> models = nodes.get(0).hazelcast().getMap(GridModelRegistry.MAP_NAME);
    for (int i = 1; i <= ENTRIES; i++) {
      WriteOutcome outcome = await(models.submitToKey("m-" + i, new RegisterProcessor(model("m-" + i, "first"))));
      assertThat(outcome.inserted()).as("model %d", i).isTrue();
    }
    WriteOutcome again = await(models.submitToKey("m-1", new RegisterProcessor(model("m-1", "again"))));
    assertThatThrownBy(() -> again.toChange("m-1", Change.Type.REGISTERED, null))
        .isInstanceOf(RegistryException.AlreadyExists.class);
    nodes.get(0).hazelcast().getLifecycleService().terminate();
    IMap<String, ModelConfig> survivor = nodes.get(1).hazelcast().getMap(GridModelRegistry.MAP_NAME);
    for (int i = 1; i <= ENTRIES; i++) {
      assertThat(survivor.get("m-" + i).version()).as("model %d", i).isEqualTo("first");
    }
  }

  /** Every entry, each as first stored, read on the other member once the first is gone. */
  private void assertEntriesOutliveTheirOwner() {
    nodes.get(0).hazelcast().getLifecycleService().terminate();
    IMap<String, AuditEntry> survivor = nodes.get(1).hazelcast().getMap(GridAuditLog.MAP_NAME);
    for (int i = 1; i <= ENTRIES; i++) {
      assertThat(survivor.get(entry(i, "").id().text()).modelId()).as("entry %d", i).isEqualTo("entry-" + i);
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static ModelConfig model(String id, String version) {
    return ModelConfig.register(ModelDraft.of(id, "base", version, Map.of(), Map.of(), ModelStatus.INITIALIZING),
        "uid-" + id, AT);
  }

  private static AuditEntry entry(long unique, String modelId) {
    return new AuditEntry(AuditId.of(AT, unique), AT, "tester", List.of(), AuditAction.REGISTER, modelId, "uid", 1,
        List.of(), OptionalLong.empty(), null);
  }
}
