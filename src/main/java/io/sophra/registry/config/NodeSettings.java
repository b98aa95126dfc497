package io.sophra.registry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the node serves requests and stops, and what it keeps on its own disk.
 *
 * @param maxModels cluster-wide cap on registered models
 * @param requestTimeout the deadline of a request's grid work; past it, 503
 * @param drainDelay how long a stopping node answers 503 on /health/ready while still serving, before
 *     its HTTP server stops (zero: stop at once)
 * @param dataDir node-local files (the development secret)
 */
public record NodeSettings(int maxModels, Duration requestTimeout, Duration drainDelay, Path dataDir) {

  public static final Setting MAX_MODELS = new Setting("MODEL_REGISTRY_MAX_MODELS", "maxModels",
      "cluster-wide cap on registered models");
  public static final Setting REQUEST_TIMEOUT = new Setting("MODEL_REGISTRY_REQUEST_TIMEOUT", "requestTimeout",
      "per-request deadline for grid work (`500ms`, `2s`, `1m`); past it, 503");
  public static final Setting DRAIN_DELAY = new Setting("MODEL_REGISTRY_DRAIN_DELAY", "shutdown.drainDelay",
      "on shutdown, how long `/health/ready` answers 503 while the node still serves, before HTTP stops (`0`: at once)");
  public static final Setting DATA_DIR = new Setting("MODEL_REGISTRY_DATA_DIR", "dataDir",
      "node-local files (the development secret)");
  static final List<Setting> SETTINGS = List.of(MAX_MODELS, REQUEST_TIMEOUT, DRAIN_DELAY, DATA_DIR);

  static NodeSettings read(SettingsSource source) {
    return new NodeSettings(source.integer(MAX_MODELS, 1, 10_000_000), source.duration(REQUEST_TIMEOUT),
        source.durationOrZero(DRAIN_DELAY), Path.of(source.string(DATA_DIR)));
  }
}
