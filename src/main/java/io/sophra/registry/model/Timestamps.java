package io.sophra.registry.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The registry's one timestamp form: UTC, ISO-8601, millisecond precision.
 *
 * <p>Formatting is on every write's path (the event, the audit line) and in every model's JSON, so
 * the years 0000 to 9999 are written by hand, digit by digit, as {@link #FORMAT} writes them (a JFR
 * profile of an update put 7 % of its event loop's samples in {@code DateTimeFormatter}); any other
 * year goes through the formatter itself. {@code TimestampsTest} holds both to the formatter.
 */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int SECONDS_PER_DAY = 86_400;
  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written by hand. */
  static final long FIRST_HAND_WRITTEN = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  static final long LAST_HAND_WRITTEN = (LocalDate.of(9999, 12, 31).toEpochDay() + 1) * SECONDS_PER_DAY - 1;

  private Timestamps() {
  }

  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_HAND_WRITTEN || seconds > LAST_HAND_WRITTEN) {
      return FORMAT.format(instant);
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    byte[] text = new byte[24];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    text[19] = '.';
    digits(text, 20, instant.getNano() / 1_000_000, 3);
    text[23] = 'Z';
    return new String(text, StandardCharsets.US_ASCII);
  }

  public static Instant parse(String text) {
    return Instant.parse(text);
  }

  /** {@code value} (not negative) as {@code width} decimal digits, zero-padded, at {@code at}. */
  private static void digits(byte[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
