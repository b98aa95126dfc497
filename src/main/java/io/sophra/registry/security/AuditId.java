package io.sophra.registry.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key of an audit entry, unique in the cluster and never reused: the entry's time in epoch
 * milliseconds, then a number no other entry has (a Hazelcast Flake ID, unique without a round trip
 * to one owner). Written as 13 digits, a dash and 19 digits ({@code 1732924800123-0482748120381440001}),
 * so that ids compare as text exactly as entries are ordered: by time, then by the number. Clients
 * see it as the entry's {@code id} and, inside the audit cursor, as the place a page ended.
 */
public record AuditId(long atMillis, long unique) implements Comparable<AuditId> {

  private static final long MAX_MILLIS = 9_999_999_999_999L;
  private static final Pattern FORM = Pattern.compile("(\\d{13})-(\\d{19})");
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

  /** The id {@code text} names, or empty when it is not in the form {@link #text()} writes. */
  public static Optional<AuditId> parse(String text) {
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AuditId(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The fixed-width text form: the map key, the JSON {@code id}. */
  public String text() {
    return String.format(Locale.ROOT, "%013d-%019d", atMillis, unique);
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
