package io.sophra.registry.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHeapLinesTest {

  @TempDir
  Path results;

  private void heap(JsonObject... figures) throws Exception {
    Files.writeString(results.resolve("heap.json"), new JsonObject().put("results", new JsonArray(List.of(figures)))
        .encode());
  }

  private static JsonObject figure(int models, long bytes) {
    return new JsonObject().put("models", models).put("heapBytesPerModel", bytes).put("entryCostBytesPerModel", 733)
        .put("jsonBytesPerModel", 842);
  }

  @Test
  void aRepeatedMeasureShowsEveryRunBesideTheMedian() throws Exception {
    heap(figure(5000, 1713).put("heapBytesPerModelRuns", new JsonArray(List.of(1713, 1924, 1499))));
    List<String> lines = Report.heapLines(results);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith("heap per model at 5,000 models: 1,713 bytes (used heap after GC, one member,"
        + " Near Cache filled; median of 3 fresh nodes: 1,713, 1,924, 1,499 bytes;"), lines.get(0));
  }

  @Test
  void aSingleMeasureNamesNoMedian() throws Exception {
    heap(figure(100_000, 1837));
    String line = Report.heapLines(results).get(0);
    assertTrue(line.startsWith("heap per model at 100,000 models: 1,837 bytes (used heap after GC, one member, Near"
        + " Cache filled; Hazelcast's"), line);
  }

  @Test
  void noHeapFileSaysSo() throws Exception {
    assertEquals(List.of("heap per model: not measured in this run"), Report.heapLines(results));
  }
}
