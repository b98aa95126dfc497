package io.sophra.registry.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * One load run against one server: how many requests completed ({@code answered}, whatever the answer),
 * how many of them were errors (an unexpected answer, a failure, or never answered), the rate they
 * completed at, and the latency distribution of every completed request (nanoseconds, HdrHistogram
 * with 3 significant digits). For a fixed-rate run {@code senderLag} is how late the generator itself sent each request
 * (already inside the latencies, which count from the scheduled time).
 *
 * @param subject who answered (REGISTRY, BARE_VERTX or REDIS)
 * @param round which round of the alternated saturation runs (1, 2, ...); 0 for a fixed-rate run
 * @param mode "fixed-rate" or "sweep" (open loop; a sweep step is reported, not judged) or "saturation" (closed loop)
 * @param targetRate requests per second asked for; 0 in a saturation run
 * @param cpu the CPU time each process spent per completed request over the recorded window (saturation
 *     runs; null when not measured)
 */
public record LoadResult(String subject, int round, String mode, int connections, double targetRate, double seconds,
    long answered, long errors, Histogram latency, Histogram senderLag, CpuPerRequest cpu) {

  /**
   * CPU time (user and system, every thread) per completed request, in microseconds: the server's
   * process and the load client's, each read from the operating system at the window's start and end.
   */
  public record CpuPerRequest(double serverMicros, double clientMicros) {

    JsonObject toJson() {
      return new JsonObject().put("server", serverMicros).put("client", clientMicros);
    }
  }

  public double achievedRate() {
    return answered / seconds;
  }

  /** This fixed-rate run as a step of the capacity sweep. */
  public LoadResult asSweepStep() {
    return new LoadResult(subject, round, "sweep", connections, targetRate, seconds, answered, errors, latency,
        senderLag, cpu);
  }

  public String name() {
    return switch (mode) {
      case "saturation" -> "saturation-" + connections + "c-round-" + round;
      case "sweep" -> "http-sweep-" + Math.round(targetRate);
      default -> "http-fixed-rate-" + Math.round(targetRate);
    };
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("name", name())
        .put("subject", subject)
        .put("round", round)
        .put("mode", mode)
        .put("connections", connections)
        .put("targetRate", targetRate)
        .put("seconds", seconds)
        .put("answered", answered)
        .put("errors", errors)
        .put("achievedRate", achievedRate())
        .put("latencyMicros", percentiles(latency));
    if (senderLag != null) {
      json.put("senderLagMicros", percentiles(senderLag));
    }
    if (cpu != null) {
      json.put("cpuMicrosPerRequest", cpu.toJson());
    }
    return json;
  }

  private static JsonObject percentiles(Histogram histogram) {
    return new JsonObject()
        .put("count", histogram.getTotalCount())
        .put("mean", histogram.getMean() / 1000.0)
        .put("p50", micros(histogram, 50))
        .put("p90", micros(histogram, 90))
        .put("p99", micros(histogram, 99))
        .put("p99.9", micros(histogram, 99.9))
        .put("max", histogram.getMaxValue() / 1000.0);
  }

  private static double micros(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  /** One line for the console. */
  public String summary() {
    return String.format("%-22s %-10s %8.0f req/s answered, %d errors, latency p50 %.0f µs, p99 %.0f µs,"
            + " p99.9 %.0f µs, max %.0f µs", name(), subject, achievedRate(), errors,
        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
        latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
  }
}
