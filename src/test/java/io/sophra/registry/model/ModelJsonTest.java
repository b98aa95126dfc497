package io.sophra.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Reading a registration body applies every rule of the model")
class ModelJsonTest {

  private static JsonObject valid() {
    return new JsonObject().put("id", "m-1").put("baseModel", "sophra-base").put("version", "2.0.0");
  }

  private static List<FieldError> errorsOf(JsonObject body) {
    try {
      ModelJson.readDraft(body);
    } catch (InvalidModelException e) {
      return e.errors();
    }
    throw new AssertionError("accepted: " + body.encode());
  }

  @Test
  @DisplayName("A minimal body gets empty parameters and metadata and status initializing")
  void minimalBody() {
    ModelDraft draft = ModelJson.readDraft(valid());
    assertThat(draft.status()).isEqualTo(ModelStatus.INITIALIZING);
    assertThat(draft.parameters()).isEmpty();
    assertThat(draft.metadata()).isEmpty();
  }

  @Test
  @DisplayName("Server-managed fields sent by a client are ignored")
  void serverFieldsIgnored() {
    ModelDraft draft = ModelJson.readDraft(valid().put("uid", "forged").put("revision", 99)
        .put("createdAt", "1999-01-01T00:00:00.000Z").put("updatedAt", "x"));
    ModelConfig model = ModelConfig.register(draft, "real-uid", java.time.Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(model.uid()).isEqualTo("real-uid");
    assertThat(model.revision()).isEqualTo(1);
    assertThat(model.createdAt()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  @DisplayName("Missing required fields are each named")
  void missingRequired() {
    assertThat(errorsOf(new JsonObject())).extracting(FieldError::pointer)
        .containsExactlyInAnyOrder("/id", "/baseModel", "/version");
  }

  @Test
  @DisplayName("Wrong types are named with what was expected")
  void wrongTypes() {
    List<FieldError> errors = errorsOf(new JsonObject().put("id", 5).put("baseModel", true).put("version", 2.0)
        .put("parameters", "x").put("metadata", new io.vertx.core.json.JsonArray()).put("status", 1));
    assertThat(errors).extracting(FieldError::pointer)
        .containsExactlyInAnyOrder("/id", "/baseModel", "/version", "/parameters", "/metadata", "/status");
    assertThat(errors).filteredOn(e -> e.pointer().equals("/parameters"))
        .extracting(FieldError::message).containsExactly("must be a JSON object");
  }

  @Test
  @DisplayName("Unknown top-level fields are refused")
  void unknownFields() {
    assertThat(errorsOf(valid().put("colour", "red"))).extracting(FieldError::pointer).containsExactly("/colour");
  }

  @Test
  @DisplayName("A status outside the four is refused")
  void invalidStatus() {
    assertThat(errorsOf(valid().put("status", "READY"))).extracting(FieldError::pointer).containsExactly("/status");
    assertThat(errorsOf(valid().put("status", "deployed"))).hasSize(1);
  }

  @ParameterizedTest(name = "id \"{0}\" is refused")
  @ValueSource(strings = {"", "a/b", "a..b", "..", "a b", "tab\tid", "nul\u0000", "é-model", "-leading", ".hidden",
      "_private", "a:b", "semi;colon"})
  @DisplayName("Malformed ids are refused")
  void malformedIds(String id) {
    assertThat(errorsOf(valid().put("id", id))).extracting(FieldError::pointer).containsExactly("/id");
  }

  @Test
  @DisplayName("Ids of 128 characters are accepted and of 129 refused")
  void idLength() {
    assertThat(ModelJson.readDraft(valid().put("id", "a".repeat(128))).id().value()).hasSize(128);
    assertThat(errorsOf(valid().put("id", "a".repeat(129)))).extracting(FieldError::pointer).containsExactly("/id");
  }

  @Test
  @DisplayName("baseModel must be 1-256 printable characters")
  void baseModelRules() {
    assertThat(errorsOf(valid().put("baseModel", ""))).hasSize(1);
    assertThat(errorsOf(valid().put("baseModel", "x".repeat(257)))).hasSize(1);
    assertThat(errorsOf(valid().put("baseModel", "line\nbreak"))).hasSize(1);
    assertThat(errorsOf(valid().put("baseModel", "zero\u200Bwidth"))).hasSize(1);
    assertThat(ModelJson.readDraft(valid().put("baseModel", "Sophra Base ü/7")).baseModel()).isEqualTo("Sophra Base ü/7");
  }

  @Test
  @DisplayName("version must be 1-64 characters of [0-9A-Za-z.+_-]")
  void versionRules() {
    assertThat(ModelJson.readDraft(valid().put("version", "1.0.0-rc.1+build_5")).version()).isEqualTo("1.0.0-rc.1+build_5");
    assertThat(errorsOf(valid().put("version", ""))).hasSize(1);
    assertThat(errorsOf(valid().put("version", "1".repeat(65)))).hasSize(1);
    assertThat(errorsOf(valid().put("version", "1 0"))).hasSize(1);
  }

  @Test
  @DisplayName("parameters nested 16 levels are accepted and 17 refused")
  void depthLimit() {
    assertThat(ModelJson.readDraft(valid().put("parameters", nested(15))).parameters()).isNotEmpty();
    assertThat(errorsOf(valid().put("parameters", nested(16))))
        .extracting(FieldError::pointer).containsExactly("/parameters");
  }

  @Test
  @DisplayName("metadata over 64 KiB as compact JSON is refused")
  void sizeLimit() {
    JsonObject big = new JsonObject().put("blob", "x".repeat(64 * 1024));
    assertThat(errorsOf(valid().put("metadata", big))).extracting(FieldError::pointer).containsExactly("/metadata");
    JsonObject fits = new JsonObject().put("blob", "x".repeat(64 * 1024 - 20));
    assertThat(ModelJson.readDraft(valid().put("metadata", fits)).metadata()).containsKey("blob");
  }

  @Test
  @DisplayName("The stored JSON form reads back to an equal model")
  void roundTrip() {
    ModelConfig model = ModelConfig.register(ModelJson.readDraft(valid()
        .put("parameters", new JsonObject().put("k", new io.vertx.core.json.JsonArray().add(1).add("two").addNull()))),
        "uid-1", java.time.Instant.parse("2026-03-04T05:06:07.891Z"));
    assertThat(ModelJson.fromJson(new JsonObject(ModelJson.toJson(model).encode()))).isEqualTo(model);
  }

  @Test
  @DisplayName("A stored model's trees cannot be changed by whoever reads it")
  void immutableTrees() {
    ModelDraft draft = ModelJson.readDraft(valid().put("parameters", new JsonObject().put("a", new JsonObject().put("b", 1))));
    assertThatThrownBy(() -> draft.parameters().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> inner = (java.util.Map<String, Object>) draft.parameters().get("a");
    assertThatThrownBy(() -> inner.put("c", 2)).isInstanceOf(UnsupportedOperationException.class);
  }

  /** An object whose innermost object sits {@code levels} levels below the top one. */
  static JsonObject nested(int levels) {
    JsonObject root = new JsonObject();
    JsonObject current = root;
    for (int i = 0; i < levels; i++) {
      JsonObject child = new JsonObject();
      current.put("n", child);
      current = child;
    }
    current.put("leaf", 1);
    return root;
  }
}
