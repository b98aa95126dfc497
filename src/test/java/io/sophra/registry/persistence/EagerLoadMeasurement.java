package io.sophra.registry.persistence;

import io.lettuce.core.api.sync.RedisCommands;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.support.ModelStores;
import io.sophra.registry.support.RedisServer;
import io.sophra.registry.support.TestNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How long a node takes to start when Redis holds N models of about 1 KB (the eager load), beside
 * the same start with an empty Redis. A measurement, not a test: its name keeps it out of the
 * normal run; run it by hand (figures in target/eager-load-times.txt):
 *
 * <pre>mvn -B -q test -Dtest=EagerLoadMeasurement -Dmodels=5000,100000</pre>
 */
@DisplayName("Eager load times (a measurement run by hand)")
class EagerLoadMeasurement {

  private static final String PADDING = "x".repeat(700);

  @Test
  @DisplayName("Start-to-ready time of a node with N models in Redis")
  void measure() throws IOException {
    Path report = Path.of("target", "eager-load-times.txt");
    Files.writeString(report, "JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
        + " CPUs, redis-server from Debian, appendfsync always, one node\n");
    startToReady(1000); // warm-up, not reported
    for (String count : ("0," + System.getProperty("models", "5000,100000")).split(",")) {
      int models = Integer.parseInt(count.trim());
      long[] times = startToReady(models);
      append(report, models + " models: start-to-ready " + times[0] + " ms, models map open (eager load) "
          + times[1] + " ms");
    }
    System.out.println(Files.readString(report));
  }

  /** Start-to-ready and models-map-open times, in ms, of a node over a Redis holding {@code models}. */
  private static long[] startToReady(int models) {
    try (RedisServer redis = RedisServer.start()) {
      seed(redis.commands(), models);
      Map<String, String> settings = new HashMap<>(redis.registrySettings());
      settings.put("MODEL_REGISTRY_MAX_MODELS", String.valueOf(Math.max(models, 1)));
      long started = System.nanoTime();
      RegistryNode node = TestNodes.single(settings);
      long ready = System.nanoTime();
      long open = node.modelsOpenTime().toMillis();
      try {
        int loaded = ModelStores.grid(node).size();
        if (loaded != models) {
          throw new AssertionError("loaded " + loaded + " of " + models);
        }
      } finally {
        TestNodes.stop(node);
      }
      return new long[] {(ready - started) / 1_000_000, open};
    }
  }

  private static void seed(RedisCommands<String, String> redis, int models) {
    Map<String, String> batch = new HashMap<>();
    for (int i = 0; i < models; i++) {
      ModelConfig model = ModelConfig.register(ModelDraft.of("load-" + i, "base-" + (i % 10), "1.0." + i,
          Map.of("dimension", 768, "padding", PADDING), Map.of("owner", "team-" + (i % 50)), ModelStatus.READY),
          UUID.randomUUID().toString(), Instant.now());
      batch.put(ModelStores.REDIS_PREFIX + model.id(), ModelJson.toJson(model).encode());
      if (batch.size() == 1000 || i == models - 1) {
        redis.mset(batch);
        batch.clear();
      }
    }
  }

  private static void append(Path report, String line) throws IOException {
    Files.writeString(report, line + "\n", StandardOpenOption.APPEND);
  }
}
