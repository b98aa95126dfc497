package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.events.ChangeRecord;
import io.sophra.registry.events.ModelEvent;
import io.sophra.registry.support.TestNodes;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What one change costs the log, for the README's retention figure: the serialized size of a typical
 * model change (the id of the README's example, a random uid, a status move), and the heap a full ring
 * of them holds on the member that owns it (used heap after GC before and after filling it), per entry.
 */
@DisplayName("A change in the change log costs under 512 bytes of heap per copy")
class ChangeLogSizeTest {

  private static final int ENTRIES = 20_000;
  private static final long BOUND = 512;

  @Test
  @DisplayName("A typical model change serializes to about 300 bytes and holds under 512 bytes of heap in a full ring")
  void entrySize() throws Exception {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_FEED_RETENTION", String.valueOf(ENTRIES)));
    try {
      SerializationService serialization = ((SerializationServiceSupport) node.hazelcast()).getSerializationService();
      ChangeRecord typical = typical(0);
      int serialized = serialization.toData(typical).totalSize();
      Ringbuffer<ChangeRecord> ring = node.hazelcast().getRingbuffer(GridChangeLog.RING_NAME);
      long before = usedAfterGc();
      List<CompletionStage<Long>> appends = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        appends.add(ring.addAsync(typical(i), OverflowPolicy.OVERWRITE));
        if (appends.size() == 500) {
          for (CompletionStage<Long> append : appends) {
            append.toCompletableFuture().get(30, TimeUnit.SECONDS);
          }
          appends.clear();
        }
      }
      for (CompletionStage<Long> append : appends) {
        append.toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      long perEntry = (usedAfterGc() - before) / ENTRIES;
      System.out.printf("CHANGE LOG ENTRY: a typical model change is %d bytes serialized (payload %d bytes of JSON);"
          + " %d entries held %d bytes of heap each%n", serialized, typical.payload().length(), ENTRIES, perEntry);
      assertThat(ring.size()).isEqualTo(ENTRIES);
      assertThat(serialized).isBetween(typical.payload().length(), (int) BOUND);
      assertThat(perEntry).isPositive().isLessThan(BOUND);
    } finally {
      TestNodes.stop(node);
    }
  }

  private static ChangeRecord typical(int n) {
    return ChangeRecord.of(new ModelEvent(ModelEvent.Type.UPDATED, "semantic_search_v2", UUID.randomUUID().toString(),
        3 + n, "ready", Optional.of("training"), "ml-pipeline", Instant.now(), OptionalLong.empty()));
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
