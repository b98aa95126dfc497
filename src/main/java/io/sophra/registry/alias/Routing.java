package io.sophra.registry.alias;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The routing rule of an alias, in one place (README "Rollouts" states it for other languages).
 *
 * <p><b>Hash.</b> {@code d = SHA-256(UTF-8(salt + ":" + subject))}; the subject's <em>bucket</em> is
 * the first four bytes of {@code d} read as an unsigned big-endian 32-bit integer, modulo 100 (0 to
 * 99); its <em>spare</em> is bytes 4 to 7 read the same way (0 to 2^32 - 1).
 *
 * <p><b>Layout.</b> The variants, in the order the alias declares them, take consecutive ranges of
 * buckets as wide as their weights: weights 90/10 give the first variant buckets 0–89 and the second
 * 90–99. So changing 90/10 to 80/20 moves exactly the subjects of buckets 80–89 from the first variant
 * to the second and no subject the other way; every weight change moves only the buckets whose range
 * changed owner. A variant of weight 0 owns no bucket.
 *
 * <p><b>Skipped variants.</b> A variant whose model is in {@code error} is skipped. A subject whose
 * bucket a skipped variant owns is placed again, by its spare: {@code spare mod W}, where {@code W}
 * is the summed weight of the variants not skipped, laid out over those variants in declared order
 * the same way. Subjects of variants not skipped never move, and each remaining variant receives a
 * share of exactly {@code weight / W} (the weights renormalised). With {@code W = 0} there is nothing
 * to route to.
 *
 * <p><b>Without a subject</b> the bucket and spare are drawn at random (uniform), so the pick is a
 * weighted random one under the same rule.
 */
public final class Routing {

  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  });

  /** Why a variant was chosen. */
  public enum Reason {
    /** The subject's bucket lies in the variant's range. */
    BUCKET,
    /** No subject: a weighted random pick. */
    RANDOM,
    /** The variant owning the bucket was skipped; the spare chose among the others. */
    FALLBACK;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where one subject (or one random draw) lands: its bucket (0–99) and spare (0 to 2^32 - 1). */
  public record Draw(int bucket, long spare, boolean random) {
  }

  /** The chosen variant's index in declared order, and why. */
  public record Choice(int index, Reason reason) {
  }

  private Routing() {
  }

  /** The draw of {@code subject} under {@code salt}: the same on every node, in every process, in every language. */
  public static Draw draw(String salt, String subject) {
    MessageDigest sha256 = SHA_256.get();
    byte[] digest = sha256.digest((salt + ":" + subject).getBytes(StandardCharsets.UTF_8));
    return new Draw((int) (unsigned32(digest, 0) % 100), unsigned32(digest, 4), false);
  }

  /** A random draw, for a resolution without a subject. */
  public static Draw random() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new Draw(random.nextInt(100), random.nextLong(1L << 32), true);
  }

  /** The variant whose bucket range holds the draw's bucket, before any variant is skipped. */
  public static int owner(List<Variant> variants, Draw draw) {
    return owner(variants, null, draw.bucket());
  }

  /**
   * The variant {@code draw} lands on, {@code skipped[i]} telling which variants to skip; empty when
   * every variant with a weight above 0 is skipped.
   */
  public static Optional<Choice> choose(List<Variant> variants, boolean[] skipped, Draw draw) {
    int owner = owner(variants, null, draw.bucket());
    if (!skipped[owner]) {
      return Optional.of(new Choice(owner, draw.random() ? Reason.RANDOM : Reason.BUCKET));
    }
    long remaining = 0;
    for (int i = 0; i < variants.size(); i++) {
      remaining += skipped[i] ? 0 : variants.get(i).weight();
    }
    if (remaining == 0) {
      return Optional.empty();
    }
    return Optional.of(new Choice(owner(variants, skipped, draw.spare() % remaining), Reason.FALLBACK));
  }

  /** The variant whose cumulative range holds {@code position}, counting only variants not skipped. */
  private static int owner(List<Variant> variants, boolean[] skipped, long position) {
    long end = 0;
    int last = 0;
    for (int i = 0; i < variants.size(); i++) {
      if (skipped != null && skipped[i]) {
        continue;
      }
      end += variants.get(i).weight();
      if (variants.get(i).weight() > 0) {
        last = i;
      }
      if (position < end) {
        return i;
      }
    }
    return last;
  }

  private static long unsigned32(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xffL) << 24) | ((bytes[offset + 1] & 0xffL) << 16) | ((bytes[offset + 2] & 0xffL) << 8)
        | (bytes[offset + 3] & 0xffL);
  }
}
