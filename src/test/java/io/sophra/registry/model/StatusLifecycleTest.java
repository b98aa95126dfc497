package io.sophra.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.failure.IllegalTransitionException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The status lifecycle allows exactly the moves of the design")
class StatusLifecycleTest {

  @ParameterizedTest(name = "{0} -> {1}: allowed={2}")
  @CsvSource({
      "initializing, initializing, true", "initializing, training, true", "initializing, ready, true",
      "initializing, error, true",
      "training, initializing, false", "training, training, true", "training, ready, true", "training, error, true",
      "ready, initializing, false", "ready, training, true", "ready, ready, true", "ready, error, true",
      "error, initializing, true", "error, training, true", "error, ready, false", "error, error, true"})
  @DisplayName("Every pair of statuses, through a merge patch")
  void transition(String from, String to, boolean allowed) {
    ModelStatus source = ModelStatus.fromWire(from).orElseThrow();
    ModelStatus target = ModelStatus.fromWire(to).orElseThrow();
    ModelConfig model = new ModelConfig("m", "b", "1", Map.of(), Map.of(), source, Instant.EPOCH, Instant.EPOCH, "u", 1);
    JsonObject patch = new JsonObject().put("status", to);

    assertThat(source.canMoveTo(target)).isEqualTo(allowed);
    if (allowed) {
      assertThat(ModelPatch.apply(model, patch).status()).isEqualTo(target);
    } else {
      assertThatThrownBy(() -> ModelPatch.apply(model, patch)).isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining(from).hasMessageContaining(to);
    }
  }
}
