package io.sophra.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Ids and drafts can only be held once they keep the model's rules")
class ModelIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "../etc", "a..b", "-lead", ".lead", "a/b", "a b", "é", "a\u0000b"})
  @DisplayName("A malformed id is refused by the type itself, naming the pointer it came from")
  void malformedIds(String value) {
    assertThatThrownBy(() -> new ModelId(value)).isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> ModelId.of("/ids/3", value)).isInstanceOfSatisfying(InvalidModelException.class,
        e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/ids/3"));
    assertThat(ModelId.parse(value)).isEmpty();
  }

  @Test
  @DisplayName("A null id and a 129-character id are refused; 128 characters and dots between characters pass")
  void lengthsAndDots() {
    assertThatThrownBy(() -> new ModelId(null)).isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> new ModelId("a".repeat(129))).isInstanceOf(InvalidModelException.class);
    assertThat(new ModelId("a".repeat(128)).value()).hasSize(128);
    assertThat(new ModelId("semantic_search.v2-1").toString()).isEqualTo("semantic_search.v2-1");
  }

  @Test
  @DisplayName("An in-process caller cannot make a draft that breaks a rule: every broken field is named")
  void draftsAreChecked() {
    assertThatThrownBy(() -> ModelDraft.of("../etc", "bad\u0007base", "1 0", Map.of(), Map.of(), ModelStatus.READY))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.errors())
            .extracting(FieldError::pointer).containsExactlyInAnyOrder("/id", "/baseModel", "/version"));
    assertThatThrownBy(() -> ModelDraft.of("m", "b", "1", Map.of("deep", nested(20)), Map.of(), ModelStatus.READY))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.errors())
            .extracting(FieldError::pointer).containsExactly("/parameters"));
    assertThatThrownBy(() -> ModelDraft.of("m", "b", "1", Map.of(), Map.of(), null))
        .isInstanceOf(InvalidModelException.class);
    assertThat(ModelDraft.of("m", "b", "1", null, null, ModelStatus.READY).parameters()).isEmpty();
  }

  private static Map<String, Object> nested(int depth) {
    Map<String, Object> tree = Map.of();
    for (int i = 0; i < depth; i++) {
      tree = Map.of("n", tree);
    }
    return tree;
  }
}
