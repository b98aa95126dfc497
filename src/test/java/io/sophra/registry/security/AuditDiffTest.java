package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.model.StoredTree;
import io.sophra.registry.registry.Change;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The diff of two stored models, whose trees are kept as their text (as the grid hands them back). */
class AuditDiffTest {

  private static ModelConfig stored(String parameters, String metadata, long revision) {
    return new ModelConfig("m", "base", "1", new StoredTree(parameters, null).tree(),
        new StoredTree(metadata, null).tree(), ModelStatus.TRAINING, Instant.EPOCH, Instant.EPOCH, "uid", revision);
  }

  @Test
  void aMetadataChangeAloneIsRecordedAndTheUnchangedParametersAreNot() {
    Change change = Change.updated(stored("{\"lr\":0.1}", "{\"step\":1}", 1), stored("{\"lr\":0.1}", "{\"step\":2}", 2));
    assertThat(AuditDiff.of(change)).containsExactly(new FieldChange("/metadata/step", 1, 2));
  }

  @Test
  void aParametersChangeAloneIsRecordedAndTheUnchangedMetadataIsNot() {
    Change change = Change.updated(stored("{\"lr\":0.1}", "{\"step\":1}", 1), stored("{\"lr\":0.2}", "{\"step\":1}", 2));
    assertThat(AuditDiff.of(change)).containsExactly(new FieldChange("/parameters/lr", 0.1, 0.2));
  }

  @Test
  void treesEqualInAnotherKeyOrderAreNoChange() {
    Change change = Change.updated(stored("{\"a\":1,\"b\":2}", "{}", 1), stored("{\"b\":2,\"a\":1}", "{}", 2));
    assertThat(AuditDiff.of(change)).isEmpty();
  }

  @Test
  void aRegistrationRecordsEveryField() {
    Change change = Change.registered(stored("{\"lr\":0.1}", "{\"owner\":\"team\"}", 1));
    assertThat(AuditDiff.of(change)).extracting(FieldChange::field)
        .containsExactly("/baseModel", "/version", "/status", "/parameters/lr", "/metadata/owner");
    assertThat(AuditDiff.of(change).json()).contains("\"/metadata/owner\"");
  }
}
