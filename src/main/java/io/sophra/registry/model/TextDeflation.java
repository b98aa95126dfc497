package io.sophra.registry.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Long JSON texts deflated for keeping ({@link StoredTree}): the UTF-8 length as four bytes, then the
 * zlib stream of the UTF-8 bytes at the fastest level. Only worth it for long texts that shrink by
 * an eighth or more: a prompt or a feature list does, a short map or random bytes do not.
 */
final class TextDeflation {

  /** Texts shorter than this (in UTF-8 bytes) are kept as they are. */
  static final int MIN_BYTES = 256;

  private TextDeflation() {
  }

  /** {@code text} deflated, or {@code null} when it is short or would not shrink by an eighth. */
  static byte[] deflate(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length < MIN_BYTES) {
      return null;
    }
    int worthIt = utf8.length - utf8.length / 8;
    byte[] out = new byte[Integer.BYTES + worthIt];
    ByteBuffer.wrap(out).putInt(utf8.length);
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(utf8);
      deflater.finish();
      int length = deflater.deflate(out, Integer.BYTES, worthIt);
      if (!deflater.finished()) {
        return null;
      }
      return java.util.Arrays.copyOf(out, Integer.BYTES + length);
    } finally {
      deflater.end();
    }
  }

  /** The size in UTF-8 bytes of the text {@link #deflate} kept, read from its header. */
  static int inflatedSize(byte[] deflated) {
    return ByteBuffer.wrap(deflated).getInt();
  }

  /** The text {@link #deflate} kept. */
  static String inflate(byte[] deflated) {
    int length = inflatedSize(deflated);
    byte[] utf8 = new byte[length];
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated, Integer.BYTES, deflated.length - Integer.BYTES);
      int read = inflater.inflate(utf8);
      if (read != length || !inflater.finished()) {
        throw new IllegalStateException("a deflated text of " + length + " bytes inflated to " + read);
      }
      return new String(utf8, StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw new IllegalStateException("a deflated text is corrupt", e);
    } finally {
      inflater.end();
    }
  }
}
