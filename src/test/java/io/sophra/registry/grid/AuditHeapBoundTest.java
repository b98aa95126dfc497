package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.query.LocalIndexStats;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The scenario: a writer toggling a 64 KiB parameter between two values. Stored whole, each
 * entry holds both values (about 130 KiB); bounded, it holds two markers of about 100 bytes. The
 * memory the audit map holds on every member (owned entries, backups and indexes, as Hazelcast
 * accounts it) must stay within what truncation allows per entry, for at most the retention.
 */
@DisplayName("A writer toggling a 64 KiB parameter cannot grow the audit map past its bound")
class AuditHeapBoundTest {

  private static final int RETENTION = 200;
  private static final int TOGGLES = 300;
  private static final int VALUE_LIMIT = 1024;
  /** Per entry and copy: the two largest values an entry keeps whole, plus 1 KiB for keys, fields, record and indexes. */
  private static final long ENTRY_BOUND = 2L * VALUE_LIMIT + 1024;

  @Test
  @DisplayName("After 300 toggles with retention 200 and one backup, the audit map holds at most 200 × 2 copies × 3 KiB")
  void toggleLoop() throws Exception {
    List<RegistryNode> nodes = TestNodes.cluster(2, Map.of("MODEL_REGISTRY_AUDIT_RETENTION", String.valueOf(RETENTION)));
    try {
      Caller writer = Caller.system("toggler");
      String a = "a".repeat(65_000);
      String b = "b".repeat(65_000);
      nodes.get(0).registry().registerModel(writer, ModelDraft.of("toggled", "base", "1", Map.of("blob", a), Map.of(),
          ModelStatus.INITIALIZING)).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      for (int i = 0; i < TOGGLES; i++) {
        JsonObject patch = new JsonObject().put("parameters", new JsonObject().put("blob", i % 2 == 0 ? b : a));
        nodes.get(i % 2).registry().updateModel(writer, new ModelId("toggled"), patch, Optional.empty())
            .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
      IMap<Object, Object> audit = nodes.get(0).hazelcast().getMap(GridAuditLog.MAP_NAME);
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> audit.size() <= RETENTION);

      long entries = audit.size();
      long held = nodes.stream().mapToLong(AuditHeapBoundTest::heldBytes).sum();
      System.out.printf("audit map after %d toggles: %d entries, %d bytes held on both members (%d per entry)%n",
          TOGGLES, entries, held, held / Math.max(1, entries));
      assertThat(entries).isGreaterThan(RETENTION / 2);
      assertThat(held).as("audit map bytes for %d entries", entries).isPositive()
          .isLessThanOrEqualTo(entries * 2 * ENTRY_BOUND);
    } finally {
      TestNodes.stop(nodes);
    }
  }

  private static long heldBytes(RegistryNode node) {
    LocalMapStats stats = node.hazelcast().getMap(GridAuditLog.MAP_NAME).getLocalMapStats();
    long indexes = stats.getIndexStats().values().stream().mapToLong(LocalIndexStats::getMemoryCost).sum();
    return stats.getOwnedEntryMemoryCost() + stats.getBackupEntryMemoryCost() + indexes;
  }
}
