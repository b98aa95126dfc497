package io.sophra.registry.bench.feed;

import com.hazelcast.partition.Partition;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.report.Machine;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.bench.support.Tokens;
import io.sophra.registry.grid.GridChangeLog;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Change-feed fan-out latency: a write on one node to a {@code GET /v1/events} client on the other.
 * Two registry members in this JVM (backup-count 1); the client (its own Vert.x, one event loop)
 * follows the feed on the second node over HTTP with a real token; updates are started on the first
 * node's event loop at a fixed rate (open loop, never waiting for the previous one). Each latency
 * counts from the update's <em>scheduled</em> start to the arrival of its event (matched by the
 * sequence the update answered) at the client, so a stall anywhere shows in every change it delayed.
 * A change whose event has not arrived 10 s after the last one was scheduled counts as missing. Beside
 * it, the time from the same scheduled start to the update's own acknowledgement, which the fan-out
 * latency includes (the event is appended before the 2xx, and published right after).
 *
 * <pre>java -cp target/benchmarks.jar io.sophra.registry.bench.feed.FanOutRun --rates 100,1000 --duration 10 --warmup 3</pre>
 */
public final class FanOutRun {

  private static final int MODELS = 100;

  private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
  private final List<JsonObject> results = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<Integer> rates = new ArrayList<>();
    for (String rate : options.getOrDefault("rates", "100,1000").split(",")) {
      rates.add(Integer.parseInt(rate.trim()));
    }
    Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "10")));
    Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "3")));
    Path out = Path.of(options.getOrDefault("out", "results/feed.json"));
    new FanOutRun().run(rates, duration, warmup, out);
    System.exit(0);
  }

  private void run(List<Integer> rates, Duration duration, Duration warmup, Path out) throws IOException {
    List<RegistryNode> nodes = BenchNodes.cluster(2, MODELS);
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      RegistryNode writer = nodes.get(0);
      RegistryNode server = nodes.get(1);
      BenchNodes.awaitClusterSafe(writer.hazelcast());
      List<String> ids = Population.ids(Population.register(writer.registry(), MODELS));
      follow(clientVertx, server);
      Context context = writer.vertx().getOrCreateContext();
      String owner = ringOwner(writer);
      for (int rate : rates) {
        drive(context, writer.registry(), ids, rate, warmup, new Histogram(TimeUnit.SECONDS.toNanos(60), 3));
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram acknowledged = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Map<Long, Long> scheduled = drive(context, writer.registry(), ids, rate, duration, acknowledged);
        long missing = collect(scheduled, latency);
        JsonObject result = result(rate, duration, scheduled.size(), missing, latency, owner)
            .put("acknowledgedMicros", percentiles(acknowledged));
        results.add(result);
        System.out.printf("FanOutRun rate=%d/s: %d changes, write to event on the other node: p50 %s, p99 %s,"
                + " p99.9 %s, max %s, missing %d; write to its 2xx: p50 %s, p99 %s (the change log's owner: %s)%n",
            rate, scheduled.size(), micros(latency.getValueAtPercentile(50)), micros(latency.getValueAtPercentile(99)),
            micros(latency.getValueAtPercentile(99.9)), micros(latency.getMaxValue()), missing,
            micros(acknowledged.getValueAtPercentile(50)), micros(acknowledged.getValueAtPercentile(99)), owner);
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, new JsonObject().put("machine", Machine.describe()).put("fanOut", new JsonArray(results))
          .encodePrettily());
    } finally {
      Await.result(clientVertx.close(), 30);
      BenchNodes.stop(nodes);
    }
  }

  /** Opens the stream on {@code server} and records each event's arrival time by its sequence. */
  private void follow(Vertx clientVertx, RegistryNode server) {
    HttpClient client = clientVertx.createHttpClient();
    HttpClientResponse response = Await.result(client.request(HttpMethod.GET, server.config().http().port(),
            "127.0.0.1", "/v1/events")
        .compose(request -> request.putHeader("Authorization", Tokens.bearer(Duration.ofHours(2))).send()), 30);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /v1/events answered " + response.statusCode());
    }
    response.handler(RecordParser.newDelimited("\n\n", frame -> {
      long now = System.nanoTime();
      String text = frame.toString();
      if (text.startsWith("id: ")) {
        arrivals.put(Long.parseLong(text.substring(4, text.indexOf('\n'))), now);
      }
    }));
  }

  /** Starts {@code rate} updates a second for {@code duration}; answers each change's sequence → scheduled start. */
  private static Map<Long, Long> drive(Context context, ModelRegistry registry, List<String> ids, int rate,
      Duration duration, Histogram acknowledged) {
    Map<Long, Long> scheduled = new ConcurrentHashMap<>();
    AtomicLong failed = new AtomicLong();
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long count = duration.toSeconds() * rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    for (long i = 0; i < count; i++) {
      long at = start + i * interval;
      for (long now = System.nanoTime(); now < at; now = System.nanoTime()) {
        LockSupport.parkNanos(at - now);
      }
      ModelId id = new ModelId(ids.get((int) (i % ids.size())));
      JsonObject patch = new JsonObject().put("metadata", new JsonObject().put("step", i));
      context.runOnContext(started -> registry.updateModel(Population.CALLER, id, patch, Optional.empty())
          .onSuccess(change -> {
            recordSynchronized(acknowledged, System.nanoTime() - at);
            scheduled.put(change.sequence().orElseThrow(), at);
          })
          .onFailure(failure -> failed.incrementAndGet()));
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (scheduled.size() + failed.get() < count && System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    if (failed.get() > 0) {
      System.out.printf("FanOutRun rate=%d/s: %d updates failed%n", rate, failed.get());
    }
    return scheduled;
  }

  /** Waits up to 10 s for every scheduled change's event; records the latencies; answers how many never came. */
  private long collect(Map<Long, Long> scheduled, Histogram latency) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!arrivals.keySet().containsAll(scheduled.keySet()) && System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    long missing = 0;
    for (Map.Entry<Long, Long> change : scheduled.entrySet()) {
      Long arrived = arrivals.get(change.getKey());
      if (arrived == null) {
        missing++;
      } else {
        latency.recordValue(Math.max(0, arrived - change.getValue()));
      }
    }
    return missing;
  }

  private static void recordSynchronized(Histogram histogram, long nanos) {
    synchronized (histogram) {
      histogram.recordValue(Math.max(0, nanos));
    }
  }

  private static JsonObject percentiles(Histogram histogram) {
    return new JsonObject().put("p50", histogram.getValueAtPercentile(50) / 1000.0)
        .put("p99", histogram.getValueAtPercentile(99) / 1000.0)
        .put("p99.9", histogram.getValueAtPercentile(99.9) / 1000.0)
        .put("max", histogram.getMaxValue() / 1000.0)
        .put("mean", histogram.getMean() / 1000.0);
  }

  private static String ringOwner(RegistryNode writer) {
    Partition partition = writer.hazelcast().getPartitionService().getPartition(GridChangeLog.RING_NAME);
    return partition.getOwner().localMember() ? "node 1 (the writer)" : "node 2 (the stream's)";
  }

  private static JsonObject result(int rate, Duration duration, int changes, long missing, Histogram latency,
      String owner) {
    return new JsonObject().put("rate", rate).put("seconds", duration.toSeconds()).put("changes", changes)
        .put("missing", missing).put("ringOwner", owner)
        .put("latencyMicros", percentiles(latency));
  }

  private static String micros(long nanos) {
    return nanos >= 1_000_000 ? String.format("%.2f ms", nanos / 1e6) : String.format("%.1f us", nanos / 1e3);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("options are --rates, --duration, --warmup, --out; not " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
