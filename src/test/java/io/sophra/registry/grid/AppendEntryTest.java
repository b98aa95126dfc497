package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.security.AuditAction;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditId;
import io.sophra.registry.support.TestNodes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit append of the previous version, which this version no longer sends but still runs for
 * members of that version during a rolling restart: sent from one real member to whichever owns the
 * key (so it crosses the wire through the serialization factory), it stores into an absent key only,
 * and its backup replica holds what it stored.
 */
@DisplayName("An audit append sent by a member of the previous version")
class AppendEntryTest {

  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  @DisplayName("is still run: it stores into an absent key only, and what it stored outlives its owner")
  void stillRunForThePreviousVersion() throws Exception {
    List<RegistryNode> nodes = TestNodes.cluster(2, Map.of());
    try {
      IMap<String, AuditEntry> map = nodes.get(0).hazelcast().getMap(GridAuditLog.MAP_NAME);
      for (int i = 1; i <= 20; i++) {
        AuditEntry entry = entry(i, "entry-" + i);
        assertThat(map.submitToKey(entry.id().text(), new AppendEntry(entry)).toCompletableFuture()
            .get(5, TimeUnit.SECONDS)).isTrue();
      }
      AuditEntry again = entry(1, "again");
      assertThat(map.submitToKey(again.id().text(), new AppendEntry(again)).toCompletableFuture()
          .get(5, TimeUnit.SECONDS)).isFalse();

      nodes.get(0).hazelcast().getLifecycleService().terminate();
      IMap<String, AuditEntry> survivor = nodes.get(1).hazelcast().getMap(GridAuditLog.MAP_NAME);
      assertThat(survivor.get(entry(1, "").id().text()).modelId()).isEqualTo("entry-1");
      for (int i = 2; i <= 20; i++) {
        assertThat(survivor.get(entry(i, "").id().text()).modelId()).isEqualTo("entry-" + i);
      }
    } finally {
      TestNodes.stop(nodes);
    }
  }

  private static AuditEntry entry(long unique, String modelId) {
    return new AuditEntry(AuditId.of(AT, unique), AT, "tester", List.of(), AuditAction.REGISTER, modelId, "uid", 1,
        List.of(), OptionalLong.empty(), null);
  }
}
