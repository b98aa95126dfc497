package io.sophra.registry.http;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.security.AuditId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque list cursors that any node understands: the id a page ended at (models) or the id of the
 * last entry of a page (audit: its time and unique number), versioned and base64url-encoded. A
 * cursor that does not decode to that form is refused, among them the audit cursors of versions
 * that keyed entries by a sequence ({@code a1:}).
 */
final class Cursors {

  private static final String VERSION = "v1:";
  private static final String AUDIT_VERSION = "a2:";

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

  static String encodeAudit(AuditId last) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((AUDIT_VERSION + last.text()).getBytes(StandardCharsets.UTF_8));
  }

  /** The audit entry to continue before, or empty when {@code cursor} is not one this registry issues. */
  static Optional<AuditId> decodeAudit(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(AUDIT_VERSION)) {
        return AuditId.parse(text.substring(AUDIT_VERSION.length()));
      }
    } catch (IllegalArgumentException e) {
      // not base64url: refused below
    }
    return Optional.empty();
  }
}
