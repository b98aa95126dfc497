package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.ModelQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The list index's rules for changes that arrive out of order: entry events (in the owner's order)
 * interleaved with this member's own acknowledged writes, and a reload racing both.
 */
@DisplayName("The list index keeps the latest version of each model whatever order changes arrive in")
class ModelIndexTest {

  private final ModelIndex index = new ModelIndex();

  private static ModelConfig model(String id, String uid, long revision, ModelStatus status, String baseModel) {
    return new ModelConfig(id, baseModel, "1", Map.of(), Map.of(), status, Instant.EPOCH, Instant.EPOCH, uid, revision);
  }

  private static ModelConfig model(String id, String uid, long revision) {
    return model(id, uid, revision, ModelStatus.INITIALIZING, "base");
  }

  private List<String> all() {
    return index.page(ModelQuery.firstPage(ModelQuery.MAX_LIMIT));
  }

  private List<String> withStatus(ModelStatus status) {
    return index.page(new ModelQuery(Optional.empty(), Optional.of(status), ModelQuery.MAX_LIMIT, Optional.empty()));
  }

  @Test
  @DisplayName("A late event of an earlier revision does not undo a later one")
  void lateEarlierRevision() {
    index.changed("m", null, model("m", "u1", 1));
    index.changed("m", model("m", "u1", 1), model("m", "u1", 3, ModelStatus.READY, "base"));
    index.changed("m", model("m", "u1", 1), model("m", "u1", 2, ModelStatus.TRAINING, "base"));
    assertThat(withStatus(ModelStatus.READY)).containsExactly("m");
    assertThat(withStatus(ModelStatus.TRAINING)).isEmpty();
  }

  @Test
  @DisplayName("A deleted model stays deleted when an event of its last update arrives after the deletion")
  void lateUpdateAfterDelete() {
    index.changed("m", null, model("m", "u1", 1));
    index.changed("m", model("m", "u1", 2), null);
    index.changed("m", model("m", "u1", 1), model("m", "u1", 2));
    index.changed("m", null, model("m", "u1", 1));
    assertThat(all()).isEmpty();
  }

  @Test
  @DisplayName("A late deletion of an earlier incarnation leaves the id registered again in place")
  void lateDeleteOfEarlierIncarnation() {
    index.changed("m", null, model("m", "u2", 1));
    index.changed("m", model("m", "u1", 4), null);
    assertThat(all()).containsExactly("m");
    index.changed("m", model("m", "u2", 1), null);
    assertThat(all()).isEmpty();
  }

  @Test
  @DisplayName("Incarnations are told apart by their whole uid, UUIDs (kept as two longs) and other forms alike")
  void uidForms() {
    String first = "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b";
    String second = "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6c";
    index.changed("m", null, model("m", second, 1));
    index.changed("m", model("m", first, 3), null);
    index.changed("m", model("m", first.toUpperCase(), 3), null);
    assertThat(all()).containsExactly("m");
    index.changed("m", model("m", second, 1), null);
    assertThat(all()).isEmpty();
    index.changed("m", null, model("m", first.toUpperCase(), 1));
    index.changed("m", model("m", first, 1), null);
    assertThat(all()).containsExactly("m");
    index.changed("m", model("m", first.toUpperCase(), 1), null);
    assertThat(all()).isEmpty();
  }

  @Test
  @DisplayName("An incarnation replaced by an overwriting restore does not come back with a late event")
  void replacedIncarnation() {
    index.changed("m", model("m", "u1", 2), model("m", "u2", 7, ModelStatus.READY, "base"));
    index.changed("m", model("m", "u1", 1), model("m", "u1", 2));
    assertThat(withStatus(ModelStatus.READY)).containsExactly("m");
  }

  /**
   * What PartitionIT showed: a deletion on the larger side of a split whose answer was lost (outcome
   * unknown, so not in the audit log), then the merge put the smaller side's copy of that incarnation
   * back. The owner's MERGED event follows its REMOVED event, so the model is back.
   */
  @Test
  @DisplayName("An incarnation a merge put back after its removal (MERGED event after REMOVED event) is listed again")
  void mergedBackAfterRemoval() {
    index.changed("m", null, model("m", "u1", 1));
    index.observed("m", null, model("m", "u1", 1));
    index.observed("m", model("m", "u1", 1), model("m", "u1", 3));
    index.observed("m", model("m", "u1", 3), null);
    index.changed("m", model("m", "u1", 3), null);
    assertThat(all()).isEmpty();
    index.observed("m", null, model("m", "u1", 3, ModelStatus.READY, "base"));
    assertThat(withStatus(ModelStatus.READY)).containsExactly("m");
    index.changed("m", model("m", "u1", 2), model("m", "u1", 3));
    index.observed("m", model("m", "u1", 3), null);
    assertThat(all()).isEmpty();
  }

  @Test
  @DisplayName("A late event does not bring back an incarnation this member removed before the removal's own event came")
  void lateEventBeforeRemovalEvent() {
    index.observed("m", null, model("m", "u1", 1));
    index.changed("m", model("m", "u1", 2), null);
    index.observed("m", model("m", "u1", 1), model("m", "u1", 2));
    assertThat(all()).isEmpty();
    index.observed("m", model("m", "u1", 2), null);
    assertThat(all()).isEmpty();
  }

  @Test
  @DisplayName("Pages follow id order, filters, limit and cursor, with one id more when there are more")
  void pages() {
    for (int i = 0; i < 10; i++) {
      index.changed("p" + i, null, model("p" + i, "u" + i, 1, i % 2 == 0 ? ModelStatus.READY : ModelStatus.ERROR,
          i < 5 ? "low" : "high"));
    }
    assertThat(index.page(ModelQuery.firstPage(3))).containsExactly("p0", "p1", "p2", "p3");
    assertThat(index.page(new ModelQuery(Optional.of("high"), Optional.of(ModelStatus.READY), 2,
        Optional.of(new ModelId("p5"))))).containsExactly("p6", "p8");
    assertThat(index.page(new ModelQuery(Optional.of("low"), Optional.empty(), 10, Optional.of(new ModelId("p3")))))
        .containsExactly("p4");
  }

  @Test
  @DisplayName("A reload drops what the grid no longer holds and keeps what changed while it ran")
  void reload() {
    index.changed("stale", null, model("stale", "u1", 1));
    index.changed("kept", null, model("kept", "u1", 1));
    assertThat(index.ready()).isFalse();
    index.beginRebuild();
    index.changed("new", null, model("new", "u3", 1));
    index.changed("kept", model("kept", "u1", 1), null);
    index.changed("kept", null, model("kept", "u2", 1, ModelStatus.READY, "base"));
    index.rebuilt(Map.of("kept", new IndexEntry("u1", 1, ModelStatus.INITIALIZING, "base"),
        "loaded", new IndexEntry("u4", 5, ModelStatus.ERROR, "base")));
    assertThat(index.ready()).isTrue();
    assertThat(all()).containsExactly("kept", "loaded", "new");
    assertThat(withStatus(ModelStatus.READY)).containsExactly("kept");
  }

  @Test
  @DisplayName("A reload shows an incarnation the grid holds again (a merge put it back) despite its tombstone")
  void reloadOverTombstone() {
    index.changed("m", null, model("m", "u1", 2));
    index.changed("m", model("m", "u1", 2), null);
    index.beginRebuild();
    index.rebuilt(Map.of("m", new IndexEntry("u1", 2, ModelStatus.INITIALIZING, "base")));
    assertThat(all()).containsExactly("m");
    index.changed("m", model("m", "u1", 2), null);
    assertThat(all()).isEmpty();
  }

  @Test
  @DisplayName("A reload that began before the index was invalidated (a merge) does not make it ready")
  void invalidatedDuringReload() {
    index.beginRebuild();
    index.invalidate();
    index.rebuilt(Map.of());
    assertThat(index.ready()).isFalse();
    index.beginRebuild();
    index.rebuilt(Map.of());
    assertThat(index.ready()).isTrue();
  }
}
