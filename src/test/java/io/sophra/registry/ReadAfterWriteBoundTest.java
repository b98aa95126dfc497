package io.sophra.registry;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Measures the cross-node read-after-write bound: a write acknowledged on one member, then reads on
 * another member (whose Near Cache held the previous revision) until the new revision shows. It
 * asserts only correctness (every write visible within a generous bound) and prints the figures.
 */
@DisplayName("Read-after-write across members")
class ReadAfterWriteBoundTest {

  private static final int MODELS = 50;
  private static final int SAMPLES = 600;
  private static final long BOUND_NANOS = ClusterConsistencyTest.VISIBILITY_BOUND.toNanos();
  private static final Caller CALLER = Caller.system("bound-test");

  private static List<RegistryNode> nodes;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(3, Map.of());
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("A write acknowledged on one member is read on another, whose Near Cache held the old revision, within the bound")
  void writeOnOneReadOnAnother() {
    ModelRegistry first = nodes.get(0).registry();
    for (int i = 0; i < MODELS; i++) {
      await(first.registerModel(CALLER, ModelDraft.of("raw-" + i, "base", "1", Map.of(), Map.of(), ModelStatus.INITIALIZING)));
    }
    List<Long> micros = new ArrayList<>(SAMPLES);
    int staleFirstReads = 0;
    for (int i = 0; i < SAMPLES; i++) {
      String id = "raw-" + (i % MODELS);
      ModelRegistry writer = nodes.get(i % 3).registry();
      ModelRegistry reader = nodes.get((i + 1 + i / 3 % 2) % 3).registry();
      long before = await(reader.getModel(CALLER, new ModelId(id))).revision();
      long written = await(writer.updateModel(CALLER, new ModelId(id), new JsonObject().put("metadata", new JsonObject().put("i", i)),
          Optional.empty())).after().revision();
      assertThat(written).isGreaterThan(before);

      long acknowledged = System.nanoTime();
      int reads = 0;
      long seen;
      do {
        seen = await(reader.getModel(CALLER, new ModelId(id))).revision();
        reads++;
      } while (seen < written && System.nanoTime() - acknowledged < BOUND_NANOS);
      long elapsed = System.nanoTime() - acknowledged;

      assertThat(seen).as("revision of %s on the reader %d ms after the write was acknowledged", id, elapsed / 1_000_000)
          .isEqualTo(written);
      micros.add(elapsed / 1000);
      if (reads > 1) {
        staleFirstReads++;
      }
    }
    micros.sort(null);
    System.out.printf("READ-AFTER-WRITE: %d samples (write on one member, poll another): p50 %d us, p99 %d us,"
            + " max %d us; first read stale in %d samples%n", SAMPLES, percentile(micros, 50), percentile(micros, 99),
        micros.get(micros.size() - 1), staleFirstReads);
  }

  private static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
