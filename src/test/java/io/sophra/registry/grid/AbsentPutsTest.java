package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
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
 * The async put-if-absent the audit log appends with, on real members: the internal proxy type it
 * needs is the one Hazelcast hands out (this fails on an upgrade that changes it), it never replaces
 * a stored value, and what it stored is backed up like any other write.
 */
@DisplayName("An async put-if-absent")
class AbsentPutsTest {

  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  @DisplayName("stores into an absent key only, and its entry outlives the member that owned it")
  void storesOnceAndIsBackedUp() throws Exception {
    List<RegistryNode> nodes = TestNodes.cluster(2, Map.of());
    try {
      IMap<String, AuditEntry> map = nodes.get(0).hazelcast().getMap(GridAuditLog.MAP_NAME);
      assertThat((Object) map).isInstanceOf(MapProxyImpl.class);
      AbsentPuts<String, AuditEntry> puts = AbsentPuts.of(map);
      AuditEntry first = entry(1, "first");
      AuditEntry second = entry(1, "second");

      assertThat(puts.putIfAbsent(first.id().text(), first).toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
      AuditEntry found = puts.putIfAbsent(second.id().text(), second).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(found).isNotNull();
      assertThat(found.modelId()).isEqualTo("first");

      for (int i = 2; i < 40; i++) {
        AuditEntry more = entry(i, "entry-" + i);
        assertThat(puts.putIfAbsent(more.id().text(), more).toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
      }
      nodes.get(0).hazelcast().getLifecycleService().terminate();
      IMap<String, AuditEntry> survivor = nodes.get(1).hazelcast().getMap(GridAuditLog.MAP_NAME);
      assertThat(survivor.get(first.id().text()).modelId()).isEqualTo("first");
      for (int i = 2; i < 40; i++) {
        assertThat(survivor.get(entry(i, "").id().text())).as("entry %d after its owner died", i).isNotNull();
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
