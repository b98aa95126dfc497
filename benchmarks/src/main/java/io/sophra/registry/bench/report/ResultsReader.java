package io.sophra.registry.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the rows of a results directory: every {@code jmh-*.json} (JMH's -rf json) and {@code load.json}. */
public final class ResultsReader {

  /** A secondary metric named after a benchmark method of a group (profilers' names hold dots). */
  private static final Pattern GROUP_MEMBER = Pattern.compile("[a-z][A-Za-z0-9]*");

  private ResultsReader() {
  }

  public static List<Row> read(Path directory) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<Path> jmhFiles;
    try (Stream<Path> files = Files.list(directory)) {
      jmhFiles = files.filter(file -> file.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList();
    }
    for (Path file : jmhFiles) {
      String text = Files.readString(file).trim();
      if (!text.isEmpty()) {
        new JsonArray(text).forEach(result -> rows.addAll(jmhRows((JsonObject) result)));
      }
    }
    load(directory).ifPresent(load -> rows.addAll(LoadRows.of(
        load.getJsonArray("runs").stream().map(JsonObject.class::cast).toList())));
    return rows;
  }

  /** The JDK line JMH recorded, if any JMH file exists. */
  public static Optional<String> jdk(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("jmh-.*\\.json")).toList()) {
        String text = Files.readString(file).trim();
        if (!text.isEmpty() && !new JsonArray(text).isEmpty()) {
          JsonObject first = new JsonArray(text).getJsonObject(0);
          return Optional.of(first.getString("vmName") + " " + first.getString("vmVersion"));
        }
      }
    }
    return Optional.empty();
  }

  public static Optional<JsonObject> load(Path directory) throws IOException {
    return json(directory.resolve("load.json"));
  }

  public static Optional<JsonObject> heap(Path directory) throws IOException {
    return json(directory.resolve("heap.json"));
  }

  /** heap.json's figures, one per model count; empty when the heap was not measured. */
  public static List<HeapFigure> heapFigures(Path directory) throws IOException {
    return heap(directory).map(heap -> heap.getJsonArray("results").stream().map(JsonObject.class::cast)
        .map(result -> new HeapFigure(result.getInteger("models"), result.getLong("heapBytesPerModel"),
            result.getLong("jsonBytesPerModel"))).toList()).orElse(List.of());
  }

  private static Optional<JsonObject> json(Path file) throws IOException {
    return Files.isRegularFile(file) ? Optional.of(new JsonObject(Files.readString(file))) : Optional.empty();
  }

  /**
   * The rows of one JMH result: one, or for a group of benchmark methods measured side by side
   * ({@code @Group}, one thread each) one per method, from JMH's figures of that method's thread, with
   * the method's name in upper snake case as its {@code impl} ({@code getModel} becomes
   * {@code GET_MODEL}).
   */
  static List<Row> jmhRows(JsonObject result) {
    JsonObject secondary = result.getJsonObject("secondaryMetrics", new JsonObject());
    List<String> members = secondary.fieldNames().stream().filter(name -> GROUP_MEMBER.matcher(name).matches())
        .sorted().toList();
    if (members.isEmpty()) {
      return List.of(jmhRow(result));
    }
    return members.stream().map(member -> {
      JsonObject alone = result.copy().put("threads", 1).put("primaryMetric", secondary.getJsonObject(member))
          .put("secondaryMetrics", new JsonObject());
      JsonObject params = result.getJsonObject("params", new JsonObject()).copy().put("impl", upperSnake(member));
      return jmhRow(alone.put("params", params));
    }).toList();
  }

  /** {@code getModel} → {@code GET_MODEL}. */
  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static Row jmhRow(JsonObject result) {
    JsonObject metric = result.getJsonObject("primaryMetric");
    double scale = nanosPer(metric.getString("scoreUnit"));
    Map<String, String> params = new HashMap<>();
    JsonObject jsonParams = result.getJsonObject("params", new JsonObject());
    jsonParams.forEach(entry -> params.put(entry.getKey(), String.valueOf(entry.getValue())));
    // only SampleTime has per-call percentiles; other modes give percentiles of iteration scores
    JsonObject percentiles = "sample".equals(result.getString("mode"))
        ? metric.getJsonObject("scorePercentiles", new JsonObject()) : new JsonObject();
    double mean = metric.getDouble("score") * scale;
    // several benchmark threads (-t N): N calls in flight, so N / mean calls a second
    int threads = result.getInteger("threads", 1);
    double rate = threads > 1 ? threads * 1e9 / mean : Double.NaN;
    if (threads > 1) {
      params.put("threads", String.valueOf(threads));
    }
    double alloc = allocation(result.getJsonObject("secondaryMetrics", new JsonObject()));
    List<String> notes = new ArrayList<>();
    if (threads > 1) {
      notes.add(String.format("%,.0f calls/s (%d threads)", rate, threads));
    }
    if (!Double.isNaN(alloc)) {
      notes.add(String.format("%,.0f B/op allocated in the fork", alloc));
    }
    return new Row(result.getString("benchmark"), result.getString("mode"), params, mean,
        percentile(percentiles, "50.0") * scale, percentile(percentiles, "99.0") * scale,
        percentile(percentiles, "99.9") * scale, percentile(percentiles, "100.0") * scale, rate, 0, alloc,
        String.join("; ", notes));
  }

  /** JMH's {@code -prof gc} bytes per operation (named "gc.alloc.rate.norm", with or without a prefix). */
  private static double allocation(JsonObject secondary) {
    return secondary.fieldNames().stream().filter(name -> name.endsWith("gc.alloc.rate.norm")).findFirst()
        .map(name -> secondary.getJsonObject(name).getDouble("score")).orElse(Double.NaN);
  }

  private static double percentile(JsonObject percentiles, String key) {
    Object value = percentiles.getValue(key);
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  private static double nanosPer(String unit) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default -> throw new IllegalArgumentException("unexpected JMH unit " + unit + " (use a time-per-op mode)");
    };
  }
}
