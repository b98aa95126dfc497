package io.sophra.registry.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The key of an audit entry, unique in the cluster and never reused: the entry's time in epoch
 * milliseconds, then a number no other entry has (a Hazelcast Flake ID, unique without a round trip
 * to one owner). Written as 13 digits, a dash and 19 digits ({@code 1732924800123-0482748120381440001}),
 * so that ids compare as text exactly as entries are ordered: by time, then by the number. Clients
 * see it as the entry's {@code id} and, inside the audit cursor, as the place a page ended.
 */
public record AuditId(long atMillis, long unique) implements Comparable<AuditId> {

  private static final long MAX_MILLIS = 9_999_999_999_999L;
  private static final int MILLIS_DIGITS = 13;
  private static final int UNIQUE_DIGITS = 19;
  private static final int LENGTH = MILLIS_DIGITS + 1 + UNIQUE_DIGITS;
  private static final Comparator<AuditId> ORDER = Comparator.comparingLong(AuditId::atMillis)
      .thenComparingLong(AuditId::unique);

  public AuditId {
    if (atMillis < 0 || atMillis > MAX_MILLIS || unique < 0) {
      throw new IllegalArgumentException("not an audit id: " + atMillis + "/" + unique);
    }
  }

  public static AuditId of(Instant at, long unique) {
    return new AuditId(at.toEpochMilli(), unique);
  }

  /**
   * The lowest id of the given millisecond (clamped to the ids' range): every entry made at or after
   * it has an id at or above it, every earlier one an id below.
   */
  public static AuditId firstAt(long atMillis) {
    return new AuditId(Math.min(MAX_MILLIS, Math.max(0, atMillis)), 0);
  }

  /** The id {@code text} names, or empty when it is not in the form {@link #text()} writes. */
  public static Optional<AuditId> parse(String text) {
    if (text.length() != LENGTH || text.charAt(MILLIS_DIGITS) != '-' || !digits(text, 0, MILLIS_DIGITS)
        || !digits(text, MILLIS_DIGITS + 1, LENGTH)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AuditId(Long.parseLong(text, 0, MILLIS_DIGITS, 10),
          Long.parseLong(text, MILLIS_DIGITS + 1, LENGTH, 10)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The fixed-width text form: the map key, the JSON {@code id}. Written digit by digit: it is made
   * for every audit entry stored and read, where {@code String.format} cost more than the rest of
   * the entry's encoding.
   */
  public String text() {
    byte[] text = new byte[LENGTH];
    writeDigits(text, 0, MILLIS_DIGITS, atMillis);
    text[MILLIS_DIGITS] = '-';
    writeDigits(text, MILLIS_DIGITS + 1, LENGTH, unique);
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code value}'s decimal digits into {@code text[from, to)}, zero-padded on the left. */
  private static void writeDigits(byte[] text, int from, int to, long value) {
    long rest = value;
    for (int at = to - 1; at >= from; at--) {
      text[at] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
  }

  private static boolean digits(String text, int from, int to) {
    for (int at = from; at < to; at++) {
      char c = text.charAt(at);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(AuditId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return text();
  }
}
