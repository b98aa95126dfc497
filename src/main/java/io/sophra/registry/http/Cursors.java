package io.sophra.registry.http;

import io.sophra.registry.model.ModelId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Opaque list cursors that any node understands: the id a page ended at (models) or the sequence
 * of the last entry of a page (audit), versioned and base64url-encoded. A cursor that does not decode
 * to that form is refused.
 */
final class Cursors {

  private static final String VERSION = "v1:";
  private static final String AUDIT_VERSION = "a1:";

  private Cursors() {
  }

  static String encode(ModelId lastId) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + lastId.value()).getBytes(StandardCharsets.UTF_8));
  }

  /** The id to continue after, or empty when {@code cursor} is not one this registry issued. */
  static Optional<ModelId> decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(VERSION)) {
        return ModelId.parse(text.substring(VERSION.length()));
      }
    } catch (IllegalArgumentException e) {
      // not base64url: refused below
    }
    return Optional.empty();
  }

  static String encodeSequence(long sequence) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((AUDIT_VERSION + sequence).getBytes(StandardCharsets.UTF_8));
  }

  /** The audit sequence to continue before, or empty when {@code cursor} is not one this registry issued. */
  static OptionalLong decodeSequence(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(AUDIT_VERSION)) {
        long sequence = Long.parseLong(text.substring(AUDIT_VERSION.length()));
        if (sequence > 0) {
          return OptionalLong.of(sequence);
        }
      }
    } catch (IllegalArgumentException e) {
      // not base64url or not a number: refused below
    }
    return OptionalLong.empty();
  }
}
