package io.sophra.registry.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a results directory (JMH's JSON files, load.json, heap.json), prints the table and the verdict,
 * and writes {@code percentiles.svg} and {@code report.txt} beside the results. Exits with status 1 when
 * a target FAILs, and, unless {@code --quick} is given, when a target was not measured (SKIP): the
 * standard run promises every target. Otherwise 0.
 *
 * <pre>java -cp benchmarks.jar io.sophra.registry.bench.report.Report results [--quick]</pre>
 */
public final class Report {

  private Report() {
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args.length > 0 ? args[0] : "results");
    boolean standard = !List.of(args).contains("--quick");
    List<Row> rows = Table.ordered(ResultsReader.read(directory));
    JsonObject machine = Machine.describe();
    String jdk = ResultsReader.jdk(directory).orElse(machine.getString("jdk"));
    String header = String.format("Model Registry benchmarks, %s. JDK: %s. CPU: %s, %d cores. OS: %s.",
        machine.getString("date"), jdk, machine.getString("cpu"), machine.getInteger("cores"), machine.getString("os"));

    StringBuilder out = new StringBuilder();
    out.append(header).append("\n\n");
    out.append(Table.render(rows, new Baselines(rows))).append('\n');
    heapLines(directory).forEach(line -> out.append(line).append('\n'));
    redisBenchmarkLine(directory, rows).ifPresent(line -> out.append(line).append('\n'));
    out.append('\n');
    List<Verdict> verdicts = Verdicts.judge(rows, ResultsReader.heapFigures(directory));
    verdicts.forEach(verdict -> out.append(verdict).append('\n'));
    Verdict.Overall overall = Verdict.Overall.of(verdicts, standard);
    out.append('\n').append(overall.line()).append('\n');

    System.out.print(out);
    Files.writeString(directory.resolve("report.txt"), out);
    Files.writeString(directory.resolve("percentiles.svg"), SvgChart.render(rows,
        jdk + " | " + machine.getString("cpu") + ", " + machine.getInteger("cores") + " cores | " + machine.getString("date")));
    System.out.println("Table: " + directory.resolve("report.txt") + "  Chart: " + directory.resolve("percentiles.svg"));
    System.exit(overall.exitStatus());
  }

  /** redis-benchmark's figures for the same Redis, beside the load client's (not judged). */
  private static Optional<String> redisBenchmarkLine(Path directory, List<Row> rows) throws java.io.IOException {
    Optional<JsonObject> figures = ResultsReader.load(directory).map(load -> load.getJsonObject("redisBenchmark"));
    if (figures.isEmpty()) {
      return Optional.empty();
    }
    double rate = figures.get().getDouble("requestsPerSecond");
    String share = rows.stream().filter(row -> row.benchmark().equals(LoadRows.SATURATION) && "REDIS".equals(row.impl()))
        .findFirst().map(row -> String.format(Locale.ROOT, "; the load client reached %.0f%% of it", 100 * row.rate() / rate))
        .orElse("");
    return Optional.of(String.format(Locale.ROOT, "redis-benchmark, same Redis, same run (not judged): %,.0f req/s,"
            + " p50 %.3f ms, p99 %.3f ms%s (%s)", rate, figures.get().getDouble("p50Millis"),
        figures.get().getDouble("p99Millis"), share, figures.get().getString("command")));
  }

  static List<String> heapLines(Path directory) throws java.io.IOException {
    Optional<JsonObject> heap = ResultsReader.heap(directory);
    if (heap.isEmpty()) {
      return List.of("heap per model: not measured in this run");
    }
    return heap.get().getJsonArray("results").stream().map(JsonObject.class::cast)
        .map(result -> String.format("heap per model at %,d models: %,d bytes (used heap after GC, one member, Near"
                + " Cache filled%s; Hazelcast's binary entry estimate %,d bytes; the model as JSON %,d bytes)",
            result.getInteger("models"), result.getLong("heapBytesPerModel"), runs(result),
            result.getLong("entryCostBytesPerModel"), result.getLong("jsonBytesPerModel"))
            + (result.containsKey("historyBytesPerRegistration") ? String.format("; registered through the API"
                + " %,d bytes, of which %,d bytes are the history a registration leaves (its audit entry and change"
                + " record, kept until their retention, not judged)", result.getLong("registeredBytesPerModel"),
            result.getLong("historyBytesPerRegistration")) : ""))
        .toList();
  }

  /** "; median of 3 fresh nodes: a, b, c bytes" when the heap was measured more than once. */
  private static String runs(JsonObject result) {
    JsonArray runs = result.getJsonArray("heapBytesPerModelRuns");
    if (runs == null || runs.size() < 2) {
      return "";
    }
    return "; median of " + runs.size() + " fresh nodes: " + runs.stream()
        .map(run -> String.format("%,d", ((Number) run).longValue())).collect(Collectors.joining(", ")) + " bytes";
  }
}
