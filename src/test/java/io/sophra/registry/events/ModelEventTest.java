package io.sophra.registry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Change;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The models.changed payload")
class ModelEventTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
  private static final Instant T1 = Instant.parse("2025-03-01T10:05:00Z");

  private static final ModelConfig REGISTERED = ModelConfig.register(
      ModelDraft.of("m1", "base", "1.0.0", Map.of(), Map.of(), ModelStatus.TRAINING), "uid-1", T0);

  @Test
  @DisplayName("A registration is revision 1 with its status, the caller as actor and the creation time, without previousStatus")
  void registration() {
    JsonObject json = ModelEvent.of(Change.registered(REGISTERED), "pipeline", T1).toJson();

    assertThat(json).isEqualTo(new JsonObject().put("type", "registered").put("id", "m1").put("uid", "uid-1")
        .put("revision", 1L).put("status", "training").put("actor", "pipeline").put("at", "2025-03-01T10:00:00.123Z"));
  }

  @Test
  @DisplayName("An update that moves the status names the previous status; one that keeps it does not")
  void updates() {
    ModelConfig ready = REGISTERED.next(draft(ModelStatus.READY, Map.of()), T1);
    ModelConfig tagged = ready.next(draft(ModelStatus.READY, Map.of("tag", "x")), T1.plusSeconds(1));

    JsonObject moved = ModelEvent.of(Change.updated(REGISTERED, ready), "analytics", T1).toJson();
    JsonObject kept = ModelEvent.of(Change.updated(ready, tagged), "analytics", T1).toJson();

    assertThat(moved.getString("type")).isEqualTo("updated");
    assertThat(moved.getLong("revision")).isEqualTo(2);
    assertThat(moved.getString("status")).isEqualTo("ready");
    assertThat(moved.getString("previousStatus")).isEqualTo("training");
    assertThat(moved.getString("at")).isEqualTo("2025-03-01T10:05:00.000Z");
    assertThat(kept.getLong("revision")).isEqualTo(3);
    assertThat(kept.containsKey("previousStatus")).isFalse();
  }

  @Test
  @DisplayName("A deletion is one revision past the last stored one, so revisions per model are 1, 2, 3, … without repeats")
  void deletion() {
    ModelConfig ready = REGISTERED.next(draft(ModelStatus.READY, Map.of()), T1);

    ModelEvent event = ModelEvent.of(Change.deleted(ready), "admin", T1.plusMillis(7));

    assertThat(event.type()).isEqualTo(ModelEvent.Type.DELETED);
    assertThat(event.revision()).isEqualTo(3);
    assertThat(event.status()).isEqualTo("ready");
    assertThat(event.previousStatus()).isEmpty();
    assertThat(event.at()).isEqualTo(T1.plusMillis(7));
  }

  @Test
  @DisplayName("The JSON form reads back to the same event")
  void roundTrip() {
    ModelEvent event = ModelEvent.of(Change.updated(REGISTERED, REGISTERED.next(draft(ModelStatus.ERROR, Map.of()), T1)),
        "pipeline", T1);

    assertThat(ModelEvent.fromJson(event.toJson())).isEqualTo(event);
  }

  @Test
  @DisplayName("A payload missing a field, with an unknown type or a non-positive revision is refused by name")
  void malformed() {
    JsonObject good = ModelEvent.of(Change.registered(REGISTERED), "pipeline", T1).toJson();

    assertThatThrownBy(() -> ModelEvent.fromJson(good.copy().put("type", "renamed")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renamed");
    assertThatThrownBy(() -> ModelEvent.fromJson(removed(good, "uid")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uid");
    assertThatThrownBy(() -> ModelEvent.fromJson(good.copy().put("revision", 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision");
    assertThatThrownBy(() -> ModelEvent.fromJson(good.copy().put("at", "yesterday")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject removed(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy;
  }

  private static ModelDraft draft(ModelStatus status, Map<String, Object> metadata) {
    return ModelDraft.of("m1", "base", "1.0.0", Map.of(), metadata, status);
  }
}
