package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldChangesTest {

  private static final List<FieldChange> CHANGES = List.of(
      new FieldChange("/status", "training", "ready"),
      new FieldChange("/metadata/owner", null, Map.of("team", "search")),
      new FieldChange("/parameters/lr", 0.5, null));

  @Test
  void keepsTheTextItWasEncodedToAndReadsItBackEqual() {
    FieldChanges made = FieldChanges.of(CHANGES);
    String json = made.json();

    assertThat(json).isEqualTo(AuditJson.changesJson(CHANGES).encode());
    assertThat(made.json()).isSameAs(json);
    assertThat(FieldChanges.of(made)).isSameAs(made);

    FieldChanges read = FieldChanges.fromJson(json);
    assertThat(read.json()).as("stored again as read, not encoded anew").isSameAs(json);
    assertThat(read).hasSize(3).isEqualTo(AuditJson.parseChanges(json));
    assertThat(read.get(0)).isEqualTo(CHANGES.get(0));
    assertThat(read.get(2).newValue()).isNull();
  }

  @Test
  void isImmutableAndNoneIsEmpty() {
    FieldChanges made = FieldChanges.of(CHANGES);
    assertThatThrownBy(() -> made.add(CHANGES.get(0))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> made.set(0, CHANGES.get(1))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(FieldChanges.fromJson(null)).isEmpty();
    assertThat(FieldChanges.of(List.of()).json()).isEqualTo("[]");
  }

  @Test
  void anEntryKeepsTheListItIsGiven() {
    FieldChanges made = FieldChanges.of(CHANGES);
    AuditEntry entry = new AuditEntry(null, java.time.Instant.EPOCH, "a", List.of(), AuditAction.UPDATE, "m", "u", 2,
        made, java.util.OptionalLong.empty(), null);
    assertThat(entry.changes()).isSameAs(made);
    assertThat(new AuditEntry(null, java.time.Instant.EPOCH, "a", List.of(), AuditAction.UPDATE, "m", "u", 2,
        CHANGES, java.util.OptionalLong.empty(), null).changes()).isEqualTo(CHANGES).isInstanceOf(FieldChanges.class);
  }
}
