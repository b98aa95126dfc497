package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.metrics.MetricPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stored series keeps exactly the newest points within count and age, in time order")
class StoredSeriesTest {

  @Test
  @DisplayName("Random appends, in order and out of order, agree with a plain sorted list trimmed by age and count")
  void agreesWithReference() {
    SplittableRandom random = new SplittableRandom(7);
    for (int run = 0; run < 200; run++) {
      int maxPoints = 1 + random.nextInt(20);
      StoredSeries series = StoredSeries.empty("uid");
      List<MetricPoint> reference = new ArrayList<>();
      long now = 1_000_000;
      for (int step = 0; step < 30; step++) {
        now += random.nextInt(50);
        long cutoff = now - 200;
        List<MetricPoint> appended = new ArrayList<>();
        boolean inOrder = random.nextBoolean();
        long at = reference.isEmpty() ? now - 100 : reference.get(reference.size() - 1).at().toEpochMilli();
        for (int i = random.nextInt(6); i > 0; i--) {
          at = inOrder ? at + random.nextInt(5) : now - random.nextInt(300);
          String name = "m" + random.nextInt(random.nextInt(10) == 0 ? 8 : 3);
          Map<String, String> labels = random.nextBoolean() ? Map.of() : Map.of("k", "v" + random.nextInt(2));
          appended.add(new MetricPoint(name, random.nextDouble(), Instant.ofEpochMilli(at), labels));
        }
        series = series.append(appended, cutoff, maxPoints);
        reference.addAll(appended);
        reference.sort(Comparator.comparing(MetricPoint::at)); // stable: earlier arrivals first
        reference.removeIf(point -> point.at().toEpochMilli() < cutoff);
        while (reference.size() > maxPoints) {
          reference.remove(0);
        }
        List<MetricPoint> stored = new ArrayList<>();
        series.points(Optional.empty(), Long.MIN_VALUE).values().forEach(stored::addAll);
        stored.sort(Comparator.comparing(MetricPoint::at));
        assertThat(series.size()).isEqualTo(reference.size());
        assertThat(stored).as("run %d step %d", run, step).containsExactlyInAnyOrderElementsOf(reference);
        for (MetricPoint point : reference) {
          assertThat(series.latestValue(point.name(), cutoff)).isEqualTo(reference.stream()
              .filter(p -> p.name().equals(point.name())).reduce((a, b) -> b).orElseThrow().value());
        }
      }
    }
  }
}
