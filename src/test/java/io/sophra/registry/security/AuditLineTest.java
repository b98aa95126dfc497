package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit success line written in one pass ({@link AuditJson#successLine}) is, byte for byte, the
 * entry's API form with {@code outcome} and {@code stored} added, as the line was written before.
 */
@DisplayName("An audit success line")
class AuditLineTest {

  private static final Instant AT = Instant.parse("2026-12-07T03:04:05.678Z");

  @Test
  @DisplayName("is the entry's JSON form plus outcome and stored, whatever its values")
  void sameAsTheEntryForm() {
    List<FieldChange> changes = List.of(
        new FieldChange("/status", "training", "ready"),
        new FieldChange("/metadata/ünïcode~1key", null, "line\nbreak \"quoted\" \u2028 tab\t"),
        new FieldChange("/parameters/stop", new JsonArray().add("</answer>").add(3), null),
        new FieldChange("/parameters/nested", new JsonObject().put("a", new JsonObject().put("b", 1.5)),
            AuditValues.marker("x".repeat(2000).getBytes())),
        new FieldChange("/metadata/big", 12345678901234L, true));
    List<AuditEntry> entries = List.of(
        new AuditEntry(null, AT, "pipeline", List.of("writer", "admin"), AuditAction.UPDATE, "m-1",
            "uid-1", 7, changes, OptionalLong.empty(), null),
        new AuditEntry(AuditId.of(AT, 482748120381440001L), AT, "ana \"the\" auditor", List.of(),
            AuditAction.DELETE, "m/2", "uid-2", 1, List.of(), OptionalLong.of(812), "req-\u00e9"),
        new AuditEntry(AuditId.of(AT, 1), AT, "x", List.of("reader"), AuditAction.REGISTER, "m-3", "uid-3", 1,
            changes.subList(0, 2), OptionalLong.empty(), "r"));
    for (AuditEntry entry : entries) {
      for (boolean stored : new boolean[] {true, false}) {
        String expected = AuditJson.toJson(entry).put("outcome", "success").put("stored", stored).encode();
        assertThat(AuditJson.successLine(entry, stored)).isEqualTo(expected);
      }
    }
  }

  @Test
  @DisplayName("splices changes read back from their stored text without parsing them")
  void changesFromStoredText() {
    String stored = AuditJson.changesJson(List.of(new FieldChange("/version", "1", "2"))).encode();
    AuditEntry entry = new AuditEntry(AuditId.of(AT, 5), AT, "a", List.of("admin"), AuditAction.UPDATE, "m",
        "u", 2, AuditJson.changesFromJson(stored), OptionalLong.empty(), null);
    String line = AuditJson.successLine(entry, true);
    assertThat(new JsonObject(line).getJsonArray("changes").encode()).isEqualTo(stored);
    assertThat(Arrays.asList(new JsonObject(line).fieldNames().toArray())).containsExactly("id", "at", "actor",
        "roles", "action", "modelId", "uid", "revision", "sequence", "changes", "requestId", "outcome", "stored");
  }
}
