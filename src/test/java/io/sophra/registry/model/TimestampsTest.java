package io.sophra.registry.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private static final DateTimeFormatter FORMATTER =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static void sameAsTheFormatter(Instant instant) {
    assertEquals(FORMATTER.format(instant), Timestamps.format(instant), instant::toString);
  }

  @Test
  void writesTheIsoFormWithMillisecondsInUtc() {
    assertEquals("2025-05-01T12:00:00.123Z", Timestamps.format(Instant.parse("2025-05-01T12:00:00.123456789Z")));
    assertEquals("1970-01-01T00:00:00.000Z", Timestamps.format(Instant.EPOCH));
    assertEquals("2024-02-29T23:59:59.999Z", Timestamps.format(Instant.parse("2024-02-29T23:59:59.999999Z")));
  }

  @Test
  void agreesWithTheFormatterAcrossTheYearsWrittenByHand() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(Timestamps.FIRST_HAND_WRITTEN, Timestamps.LAST_HAND_WRITTEN + 1);
      sameAsTheFormatter(Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000)));
    }
  }

  @Test
  void agreesWithTheFormatterAroundEveryEdge() {
    long[] edges = {Timestamps.FIRST_HAND_WRITTEN, Timestamps.LAST_HAND_WRITTEN, 0, -1, 86_399, 86_400,
        951_782_400L /* 2000-02-29 */, 4_107_542_400L /* 2100-03-01 */, -2_208_988_800L /* 1900-01-01 */};
    for (long edge : edges) {
      for (long second = edge - 2; second <= edge + 2; second++) {
        sameAsTheFormatter(Instant.ofEpochSecond(second));
        sameAsTheFormatter(Instant.ofEpochSecond(second, 999_999_999));
      }
    }
  }

  @Test
  void yearsOutsideFourDigitsGoThroughTheFormatter() {
    sameAsTheFormatter(Instant.parse("+10000-01-01T00:00:00Z"));
    sameAsTheFormatter(Instant.parse("-0001-12-31T23:59:59.5Z"));
    sameAsTheFormatter(Instant.parse("+999999999-12-31T23:59:59.999Z"));
    assertEquals("+10000-01-01T00:00:00.000Z", Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")));
  }
}
