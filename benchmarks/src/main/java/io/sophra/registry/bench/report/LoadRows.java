package io.sophra.registry.bench.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The rows of load.json's runs. A fixed-rate step, or a step of the capacity sweep, is one row. The saturation runs come in rounds
 * (bare, registry, Redis, bare, registry, Redis, ...): each subject becomes one row holding the
 * <em>median</em> of its rounds for every figure (rate, mean, p50, p99, p99.9), the sum of their errors
 * and the largest maximum, so one noisy window does not decide a verdict; the note lists every round.
 * The CPU time per request of the server's process and of the client's (each round's, when measured)
 * are medians too: the row keeps the server's, the note shows both.
 */
public final class LoadRows {

  /** The row name of the saturation runs of every subject (HTTP servers and Redis alike). */
  public static final String SATURATION = "LoadRun.saturation";
  public static final String FIXED_RATE = "LoadRun.http-fixed-rate";
  /** The steps of the capacity sweep: fixed-rate rows too, reported rather than judged one by one. */
  public static final String SWEEP = "LoadRun.http-sweep";

  /**
   * The subject name of the bare server answering each model's own response (a reference): what serving
   * as many different bodies costs against one constant, with none of the registry's work.
   */
  public static final String BARE_PER_MODEL = "BARE_PER_MODEL";

  private static final String CPU = "cpuMicrosPerRequest";
  private static final String BARE_PLUS = "BARE_PLUS_";
  private static final String NANOS = "NS";

  private LoadRows() {
  }

  /** The subject name of the bare server with {@code workNanos} of CPU per request added (a reference). */
  public static String barePlus(long workNanos) {
    return BARE_PLUS + workNanos + NANOS;
  }

  /** The work a {@link #barePlus} subject adds per request, in nanoseconds; empty for any other subject. */
  static OptionalLong barePlusNanos(String impl) {
    if (impl == null || !impl.startsWith(BARE_PLUS) || !impl.endsWith(NANOS)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(impl.substring(BARE_PLUS.length(), impl.length() - NANOS.length())));
    } catch (NumberFormatException notOurs) {
      return OptionalLong.empty();
    }
  }

  public static List<Row> of(List<JsonObject> runs) {
    List<Row> rows = new ArrayList<>();
    Map<String, List<JsonObject>> rounds = new LinkedHashMap<>();
    for (JsonObject run : runs) {
      if (run.getDouble("targetRate", 0.0) > 0) {
        rows.add(fixedRate(run, "sweep".equals(run.getString("mode")) ? SWEEP : FIXED_RATE));
      } else {
        rounds.computeIfAbsent(run.getString("subject") + "/" + run.getInteger("connections"), key -> new ArrayList<>())
            .add(run);
      }
    }
    rounds.values().forEach(subject -> rows.add(saturation(subject)));
    return rows;
  }

  private static Row fixedRate(JsonObject run, String benchmark) {
    JsonObject latency = run.getJsonObject("latencyMicros");
    Map<String, String> params = params(run);
    params.put("rate", String.valueOf(Math.round(run.getDouble("targetRate"))));
    long errors = run.getLong("errors");
    String note = String.format(Locale.ROOT, "%,.0f req/s answered (%.1f%% of the target), %d errors, max %s",
        run.getDouble("achievedRate"), 100 * run.getDouble("achievedRate") / run.getDouble("targetRate"), errors,
        Table.time(latency.getDouble("max") * 1000));
    return new Row(benchmark, "load", params, micros(latency, "mean"), micros(latency, "p50"),
        micros(latency, "p99"), micros(latency, "p99.9"), micros(latency, "max"), run.getDouble("achievedRate"),
        errors, Double.NaN, note);
  }

  private static Row saturation(List<JsonObject> rounds) {
    long errors = rounds.stream().mapToLong(run -> run.getLong("errors")).sum();
    double max = rounds.stream().mapToDouble(run -> micros(run.getJsonObject("latencyMicros"), "max")).max()
        .orElse(Double.NaN);
    String each = rounds.stream().map(run -> String.format(Locale.ROOT, "%,.0f/%s", run.getDouble("achievedRate"),
        Table.time(micros(run.getJsonObject("latencyMicros"), "p99")))).collect(Collectors.joining(", "));
    double rate = median(rounds, run -> run.getDouble("achievedRate"));
    boolean cpuMeasured = rounds.stream().allMatch(run -> run.containsKey(CPU));
    double serverCpu = cpuMeasured ? median(rounds, run -> run.getJsonObject(CPU).getDouble("server")) : Double.NaN;
    String cpu = cpuMeasured ? String.format(Locale.ROOT, "; CPU per request %.1f us (server), %.1f us (client)",
        serverCpu, median(rounds, run -> run.getJsonObject(CPU).getDouble("client"))) : "";
    String note = String.format(Locale.ROOT, "%,.0f req/s (median of %d round%s; req/s/p99 per round: %s), %d errors,"
        + " max %s%s", rate, rounds.size(), rounds.size() == 1 ? "" : "s", each, errors, Table.time(max), cpu);
    return new Row(SATURATION, "load", params(rounds.get(0)), latencyMedian(rounds, "mean"),
        latencyMedian(rounds, "p50"), latencyMedian(rounds, "p99"), latencyMedian(rounds, "p99.9"), max, rate, errors,
        Double.NaN, note, serverCpu);
  }

  private static Map<String, String> params(JsonObject run) {
    Map<String, String> params = new HashMap<>();
    params.put("impl", run.getString("subject"));
    params.put("connections", String.valueOf(run.getInteger("connections")));
    return params;
  }

  private static double latencyMedian(List<JsonObject> rounds, String figure) {
    return median(rounds, run -> micros(run.getJsonObject("latencyMicros"), figure));
  }

  private static double micros(JsonObject latency, String figure) {
    return latency.getDouble(figure) * 1000;
  }

  /** The median of the values (the mean of the middle two for an even count). */
  static double median(List<JsonObject> rounds, ToDoubleFunction<JsonObject> figure) {
    double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }
}
