package io.sophra.registry.bench;

import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.ModelFactory;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.RawMaps;
import io.sophra.registry.events.ChangeRecord;
import io.sophra.registry.events.ModelEvent;
import io.sophra.registry.grid.GridChangeLog;
import io.sophra.registry.model.ModelConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the change log adds to a write: one append of a typical model change to the registry's
 * Ringbuffer {@code changes} on a two-member cluster (backup-count 1, synchronous backup), called on
 * an event-loop context of the first member and awaited. {@link Impl#LOG_APPEND} is the registry's
 * own {@code GridChangeLog.append} (bridge and deadline included), {@link Impl#RING_ADD_ASYNC}
 * Hazelcast's bare {@code addAsync}, and the baseline {@link Impl#IMAP_SET_ASYNC} one replicated
 * {@code setAsync} of a model into a map with the same backup count (the floor of any registry write,
 * as in {@link WriteBenchmark}). The ring lives in one partition: whether the first member owns it
 * decides whether an append crosses the network once or twice; the trial prints which.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class ChangeAppendBenchmark {

  /** Who appends. */
  public enum Impl { LOG_APPEND, RING_ADD_ASYNC, IMAP_SET_ASYNC }

  private static final String RAW_MAP = "bench-raw-writes";
  private static final int KEYS = 1024;
  private static final int WARM_UP = 5_000;

  @Param({"LOG_APPEND", "RING_ADD_ASYNC", "IMAP_SET_ASYNC"})
  Impl impl;

  private java.util.List<RegistryNode> nodes;
  private GridChangeLog log;
  private Ringbuffer<ChangeRecord> ring;
  private IMap<String, ModelConfig> rawMap;
  private OnContext context;
  private ChangeRecord record;
  private ModelConfig model;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    nodes = BenchNodes.cluster(2, 100);
    RegistryNode caller = nodes.get(0);
    BenchNodes.awaitClusterSafe(caller.hazelcast());
    log = GridChangeLog.create(caller.vertx(), caller.hazelcast(), Duration.ofSeconds(2));
    ring = caller.hazelcast().getRingbuffer(GridChangeLog.RING_NAME);
    rawMap = RawMaps.withOneBackup(caller.hazelcast(), RAW_MAP);
    context = new OnContext(caller.vertx());
    record = ChangeRecord.of(new ModelEvent(ModelEvent.Type.UPDATED, "semantic_search_v2", UUID.randomUUID().toString(),
        3, "ready", Optional.of("training"), "ml-pipeline", Instant.now(), OptionalLong.empty()));
    model = ModelFactory.model(0);
    for (int i = 0; i < WARM_UP; i++) {
      append();
    }
    boolean local = caller.hazelcast().getPartitionService().getPartition(GridChangeLog.RING_NAME).getOwner()
        .localMember();
    System.out.println("ChangeAppendBenchmark: the change log's owner is the " + (local ? "calling" : "other")
        + " member");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    BenchNodes.stop(nodes);
  }

  @Benchmark
  public Object append() throws Exception {
    return switch (impl) {
      case LOG_APPEND -> Await.result(context.call(() -> log.append(record)), 10);
      case RING_ADD_ASYNC -> ring.addAsync(record, OverflowPolicy.OVERWRITE).toCompletableFuture().get(10, TimeUnit.SECONDS);
      case IMAP_SET_ASYNC -> rawMap.setAsync("key-" + (next++ & (KEYS - 1)), model).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    };
  }
}
