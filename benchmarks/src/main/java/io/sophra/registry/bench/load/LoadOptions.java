package io.sophra.registry.bench.load;

import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of {@link LoadRun}, each {@code --name value}:
 * <pre>
 *   --models 5000          models stored (in-process node) or at most listed (--url)
 *   --rates 2000,10000     fixed rates, requests per second, one run each
 *   --duration 30          seconds recorded per fixed-rate run
 *   --warmup 5             unrecorded seconds before each run
 *   --sweep 1000,2000,...  capacity sweep: fixed rates tried in rising order until one misses p99 <= 5 ms
 *                          (reported: the highest rate with p99 <= 5 ms and with p99 <= 1 ms; default: none)
 *   --sweep-duration 10    seconds recorded per sweep step
 *   --saturation 10        seconds recorded per saturation run (0: none)
 *   --warmup-requests 1000000 unrecorded requests to each subject before the first round (at most 30 s)
 *   --saturation-warmup 3  unrecorded seconds before each saturation run (default: --warmup)
 *   --rounds 3             saturation rounds, each the bare server, the registry, Redis in turn
 *   --bare-work 1000,2000  references at saturation, not judged: the bare server with that many
 *                          nanoseconds of CPU per request added, one subject each (default: none)
 *   --redis-server PATH    the redis-server program (default: redis-server on the PATH; none: no Redis)
 *   --connections 32       keep-alive connections of the client
 *   --keys ZIPF            ZIPF or UNIFORM choice of the ids requested
 *   --url http://h:p       a running node instead of one in this JVM (fixed rates only)
 *   --token JWT            bearer token for --url (default: minted with the benchmarks' secret)
 *   --out results/load.json
 * </pre>
 */
record LoadOptions(int models, List<Double> rates, List<Double> sweep, Duration sweepDuration, Duration duration,
    Duration warmup, Duration saturation,
    long warmupRequests, Duration saturationWarmup, int rounds, List<Long> bareWork, Optional<String> redisServer,
    int connections, KeyDistribution keys,
    Optional<String> url, Optional<String> token, Path out) {

  static LoadOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new LoadOptions(
        Integer.parseInt(values.getOrDefault("models", "5000")),
        Arrays.stream(values.getOrDefault("rates", "2000,10000").split(",")).map(Double::valueOf).toList(),
        Arrays.stream(values.getOrDefault("sweep", "").split(",")).filter(rate -> !rate.isBlank())
            .map(Double::valueOf).sorted().toList(),
        seconds(values.getOrDefault("sweep-duration", "10")),
        seconds(values.getOrDefault("duration", "30")),
        seconds(values.getOrDefault("warmup", "5")),
        seconds(values.getOrDefault("saturation", "10")),
        Long.parseLong(values.getOrDefault("warmup-requests", "1000000")),
        seconds(values.getOrDefault("saturation-warmup", values.getOrDefault("warmup", "5"))),
        Integer.parseInt(values.getOrDefault("rounds", "3")),
        Arrays.stream(values.getOrDefault("bare-work", "").split(",")).filter(nanos -> !nanos.isBlank())
            .map(Long::valueOf).toList(),
        Optional.ofNullable(values.get("redis-server")),
        Integer.parseInt(values.getOrDefault("connections", "32")),
        KeyDistribution.valueOf(values.getOrDefault("keys", "ZIPF")),
        Optional.ofNullable(values.get("url")),
        Optional.ofNullable(values.get("token")),
        Path.of(values.getOrDefault("out", "results/load.json")));
  }

  private static Duration seconds(String value) {
    return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
  }

  /** The running node of {@code --url}, with its token. */
  HttpTarget target() {
    URI uri = URI.create(url().orElseThrow());
    String authorization = "Bearer " + token().orElseGet(() -> Tokens.admin(Duration.ofHours(2)));
    return new HttpTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80, authorization);
  }
}
