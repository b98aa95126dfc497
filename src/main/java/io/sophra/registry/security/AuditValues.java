package io.sophra.registry.security;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * How much of a changed value an audit entry keeps, so that the log is bounded in bytes and not
 * only in entries. A value whose compact JSON is at most {@value #MAX_VALUE_BYTES} bytes is kept
 * whole; a larger one is kept as a marker {@code {"truncated": true, "bytes": N, "sha256": "<hex>"}}:
 * N is the length and the hash is SHA-256 of the UTF-8 bytes of the value's compact JSON as the
 * registry writes it (no whitespace, object members in the model's order, a string with its quotes)
 * — the very bytes of that value in the compact body of {@code GET /v1/models/{id}} — so an auditor
 * who holds a value can tell whether it is the one recorded. A value that is itself an object with
 * a {@code truncated} member is kept as a marker too, however small: a marker in an entry always
 * describes the real value, never a look-alike a writer sent.
 */
final class AuditValues {

  static final int MAX_VALUE_BYTES = 1024;

  private AuditValues() {
  }

  /** The value as an entry keeps it: itself, or its marker. */
  static Object bounded(Object value) {
    if (value == null) {
      return null;
    }
    byte[] json = compactJson(value);
    return json.length > MAX_VALUE_BYTES || looksLikeMarker(value) ? marker(json) : value;
  }

  /** The marker of a value whose compact JSON is {@code json}, whatever its size. */
  static JsonObject marker(byte[] json) {
    return new JsonObject().put("truncated", true).put("bytes", json.length).put("sha256", sha256(json));
  }

  static byte[] compactJson(Object value) {
    return Json.encode(value).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean looksLikeMarker(Object value) {
    if (value instanceof JsonObject object) {
      return object.containsKey("truncated");
    }
    return value instanceof Map<?, ?> map && map.containsKey("truncated");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
