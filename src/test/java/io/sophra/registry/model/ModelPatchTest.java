package io.sophra.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A merge patch follows RFC 7396 and the model's rules")
class ModelPatchTest {

  private final ModelConfig current = new ModelConfig("m-1", "base", "1.0.0",
      Map.of("a", 1, "nested", Map.of("x", 1, "y", 2)), Map.of("owner", "team"),
      ModelStatus.INITIALIZING, Instant.EPOCH, Instant.EPOCH, "uid", 3);

  @Test
  @DisplayName("Objects merge recursively, null removes a key, other values replace")
  void mergesRecursively() {
    ModelDraft draft = ModelPatch.apply(current, new JsonObject(
        "{\"parameters\":{\"a\":null,\"b\":[1,2],\"nested\":{\"y\":null,\"z\":3}},\"version\":\"1.1.0\"}"));
    assertThat(draft.parameters()).isEqualTo(Map.of("b", java.util.List.of(1, 2), "nested", Map.of("x", 1, "z", 3)));
    assertThat(draft.version()).isEqualTo("1.1.0");
    assertThat(draft.metadata()).isEqualTo(current.metadata());
  }

  @Test
  @DisplayName("null for parameters or metadata empties it")
  void nullEmptiesTree() {
    assertThat(ModelPatch.apply(current, new JsonObject("{\"metadata\":null}")).metadata()).isEmpty();
  }

  @Test
  @DisplayName("null for a required field is refused, naming the field")
  void nullRequired() {
    for (String field : new String[] {"baseModel", "version", "status"}) {
      assertThatThrownBy(() -> ModelPatch.apply(current, new JsonObject().putNull(field)))
          .isInstanceOfSatisfying(InvalidModelException.class,
              e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/" + field));
    }
  }

  @Test
  @DisplayName("The id cannot change, but may be sent back unchanged")
  void idFixed() {
    assertThatThrownBy(() -> ModelPatch.apply(current, new JsonObject().put("id", "other")))
        .isInstanceOf(InvalidModelException.class);
    assertThat(ModelPatch.apply(current, new JsonObject().put("id", "m-1").put("revision", 1)).id()).isEqualTo(new ModelId("m-1"));
  }

  @Test
  @DisplayName("Unknown fields and rule violations after merging are refused")
  void rulesAfterMerge() {
    assertThatThrownBy(() -> ModelPatch.apply(current, new JsonObject().put("extra", 1)))
        .isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> ModelPatch.apply(current, new JsonObject().put("parameters", ModelJsonTest.nested(16))))
        .isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> ModelPatch.apply(current, new JsonObject().put("parameters", 7)))
        .isInstanceOf(InvalidModelException.class);
  }

  @Test
  @DisplayName("A merged tree is encoded once, when it is measured: the next revision keeps that text")
  void mergedTreeEncodedOnce() {
    ModelDraft draft = ModelPatch.apply(current, new JsonObject().put("metadata", new JsonObject().put("step", 2)));
    assertThat(draft.metadata()).isInstanceOf(JsonText.class).isEqualTo(Map.of("owner", "team", "step", 2));
    assertThat(JsonTree.toText(draft.metadata())).isEqualTo("{\"owner\":\"team\",\"step\":2}");
    ModelConfig next = current.next(draft, Instant.EPOCH);
    assertThat(next.metadata()).isSameAs(draft.metadata());
    assertThat(next.encodedOnce().metadata()).isSameAs(draft.metadata());
    assertThatThrownBy(() -> ModelPatch.apply(current, new JsonObject().put("metadata",
        new JsonObject().put("big", "x".repeat(ModelRules.MAX_TREE_BYTES)))))
        .isInstanceOf(InvalidModelException.class).hasMessageContaining("bytes");
    // a tree too deep is refused by its rule, not by the encoder that keeps it (Jackson stops at 1,000 levels)
    for (int levels : new int[] {40, 990, 1_500}) {
      assertThatThrownBy(() -> ModelPatch.apply(current, new JsonObject().put("metadata", ModelJsonTest.nested(levels))))
          .as("%d levels", levels).isInstanceOf(InvalidModelException.class).hasMessageContaining("nest deeper");
    }
  }

  @Test
  @DisplayName("The next revision keeps uid and createdAt and bumps the revision")
  void nextRevision() {
    ModelConfig next = current.next(ModelPatch.apply(current, new JsonObject().put("status", "ready")),
        Instant.parse("2026-05-05T00:00:00.123456Z"));
    assertThat(next.revision()).isEqualTo(4);
    assertThat(next.uid()).isEqualTo("uid");
    assertThat(next.createdAt()).isEqualTo(Instant.EPOCH);
    assertThat(next.updatedAt()).isEqualTo(Instant.parse("2026-05-05T00:00:00.123Z"));
    assertThat(next.etag()).isEqualTo("\"uid.4\"");
  }

  @Test
  @DisplayName("ETag comparison is strong and understands lists and *")
  void etagMatching() {
    assertThat(Etags.matches("\"uid.3\"", "\"uid.3\"")).isTrue();
    assertThat(Etags.matches("\"a.1\", \"uid.3\"", "\"uid.3\"")).isTrue();
    assertThat(Etags.matches("*", "\"uid.3\"")).isTrue();
    assertThat(Etags.matches("W/\"uid.3\"", "\"uid.3\"")).isFalse();
    assertThat(Etags.matches("\"uid.2\"", "\"uid.3\"")).isFalse();
  }

  @Test
  @DisplayName("Only the fields a patch sets are checked again: a stored model is not re-measured for a change elsewhere")
  void checksOnlyPatchedFields() {
    // stored before the limits were lowered, say: parameters deeper than the rules allow today
    ModelConfig stored = new ModelConfig("m-2", "base", "1.0.0", ModelJsonTest.nested(17).getMap(), Map.of(),
        ModelStatus.TRAINING, Instant.EPOCH, Instant.EPOCH, "uid", 1);

    ModelDraft statusOnly = ModelPatch.apply(stored, new JsonObject().put("status", "ready"));
    assertThat(statusOnly.status()).isEqualTo(ModelStatus.READY);
    assertThat(statusOnly.parameters()).isSameAs(stored.parameters());

    assertThatThrownBy(() -> ModelPatch.apply(stored, new JsonObject().put("parameters", new JsonObject().put("a", 1))))
        .isInstanceOfSatisfying(InvalidModelException.class,
            e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/parameters"));
  }
}
