package io.sophra.registry.bench.report;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a results directory (JMH's JSON files, load.json, heap.json), prints the table and the verdict,
 * and writes {@code percentiles.svg} and {@code report.txt} beside the results. Exits with status 1 when
 * a target FAILs, 0 otherwise (SKIP included).
 *
 * <pre>java -cp benchmarks.jar io.sophra.registry.bench.report.Report results</pre>
 */
public final class Report {

  private Report() {
  }

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args.length > 0 ? args[0] : "results");
    List<Row> rows = Table.ordered(ResultsReader.read(directory));
    JsonObject machine = Machine.describe();
    String jdk = ResultsReader.jdk(directory).orElse(machine.getString("jdk"));
    String header = String.format("Model Registry benchmarks, %s. JDK: %s. CPU: %s, %d cores. OS: %s.",
        machine.getString("date"), jdk, machine.getString("cpu"), machine.getInteger("cores"), machine.getString("os"));

    StringBuilder out = new StringBuilder();
    out.append(header).append("\n\n");
    out.append(Table.render(rows, new Baselines(rows))).append('\n');
    heapLines(directory).forEach(line -> out.append(line).append('\n'));
    out.append('\n');
    List<Verdicts.Verdict> verdicts = Verdicts.judge(rows);
    verdicts.forEach(verdict -> out.append(verdict).append('\n'));
    long failed = verdicts.stream().filter(verdict -> verdict.outcome().equals("FAIL")).count();
    long skipped = verdicts.stream().filter(verdict -> verdict.outcome().equals("SKIP")).count();
    out.append(String.format("%nVERDICT: %s (%d targets, %d failed, %d not measured in this run)%n",
        failed > 0 ? "FAIL" : "PASS", verdicts.size(), failed, skipped));

    System.out.print(out);
    Files.writeString(directory.resolve("report.txt"), out);
    Files.writeString(directory.resolve("percentiles.svg"), SvgChart.render(rows,
        jdk + " | " + machine.getString("cpu") + ", " + machine.getInteger("cores") + " cores | " + machine.getString("date")));
    System.out.println("Table: " + directory.resolve("report.txt") + "  Chart: " + directory.resolve("percentiles.svg"));
    System.exit(failed > 0 ? 1 : 0);
  }

  private static List<String> heapLines(Path directory) throws java.io.IOException {
    Optional<JsonObject> heap = ResultsReader.heap(directory);
    if (heap.isEmpty()) {
      return List.of("heap per model: not measured in this run");
    }
    return heap.get().getJsonArray("results").stream().map(JsonObject.class::cast)
        .map(result -> String.format("heap per model at %,d models: %,d bytes (used heap after GC, one member, Near"
                + " Cache filled; Hazelcast's binary entry estimate %,d bytes; the model as JSON %,d bytes)",
            result.getInteger("models"), result.getLong("heapBytesPerModel"), result.getLong("entryCostBytesPerModel"),
            result.getLong("jsonBytesPerModel")))
        .toList();
  }
}
