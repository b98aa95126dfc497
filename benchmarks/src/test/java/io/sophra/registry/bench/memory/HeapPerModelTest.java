package io.sophra.registry.bench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapPerModelTest {

  private static JsonObject run(long bytes, long before) {
    return new JsonObject().put("heapBytesPerModel", bytes).put("usedHeapBeforeBytes", before);
  }

  @Test
  void theFigureIsTheMedianRunWithItsOwnReadings() {
    JsonObject median = HeapPerModel.median(List.of(run(1924, 1), run(1499, 2), run(1713, 3)));
    assertEquals(1713, median.getLong("heapBytesPerModel"));
    assertEquals(3, median.getLong("usedHeapBeforeBytes"), "the readings of the run chosen, not of another");
  }

  @Test
  void oneOutlierAmongThreeDoesNotMoveTheFigure() {
    assertEquals(1700, HeapPerModel.median(List.of(run(1700, 0), run(9000, 0), run(1650, 0)))
        .getLong("heapBytesPerModel"));
    assertEquals(1700, HeapPerModel.median(List.of(run(1700, 0), run(1800, 0), run(100, 0)))
        .getLong("heapBytesPerModel"));
  }

  @Test
  void ofAnEvenNumberTheUpperOfTheMiddleTwo() {
    assertEquals(1800, HeapPerModel.median(List.of(run(1800, 0), run(1600, 0), run(2000, 0), run(1000, 0)))
        .getLong("heapBytesPerModel"));
  }
}
