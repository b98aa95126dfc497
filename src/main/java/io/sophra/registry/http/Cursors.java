package io.sophra.registry.http;

import io.sophra.registry.model.ModelRules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque list cursors that any node understands: the id a page ended at, versioned and
 * base64url-encoded. A cursor that does not decode to that form is refused.
 */
final class Cursors {

  private static final String VERSION = "v1:";

  private Cursors() {
  }

  static String encode(String lastId) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + lastId).getBytes(StandardCharsets.UTF_8));
  }

  /** The id to continue after, or empty when {@code cursor} is not one this registry issued. */
  static Optional<String> decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(VERSION) && ModelRules.isValidId(text.substring(VERSION.length()))) {
        return Optional.of(text.substring(VERSION.length()));
      }
    } catch (IllegalArgumentException e) {
      // not base64url: refused below
    }
    return Optional.empty();
  }
}
