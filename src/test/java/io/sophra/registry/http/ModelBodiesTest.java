package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.model.ModelStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ModelBodies encodes each model revision once, and only ever serves a body of that very content")
class ModelBodiesTest {

  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  private static ModelConfig model(String version, Map<String, Object> parameters, long revision) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("author", "Zoë \"quoted\" \u2028 <tag>");
    metadata.put("none", null);
    return new ModelConfig("m-1", "base", version, parameters, metadata, ModelStatus.READY, AT, AT.plusSeconds(1),
        "uid-1", revision);
  }

  private static Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dim", 768);
    parameters.put("rate", 0.001);
    parameters.put("big", 12345678901234L);
    parameters.put("list", Arrays.asList(1, "two", null, true, Map.of("k", List.of())));
    return parameters;
  }

  private static byte[] encoded(ModelConfig model) {
    return ModelJson.toJson(model).toBuffer().getBytes();
  }

  @Test
  @DisplayName("The body is byte for byte ModelJson.toJson(model).toBuffer(), with the model's ETag")
  void sameBytes() {
    ModelBodies bodies = new ModelBodies(1 << 20);
    ModelConfig model = model("1", parameters(), 3);
    ModelBodies.Encoded first = bodies.of(model);
    assertThat(first.body().getBytes()).isEqualTo(encoded(model));
    assertThat(first.etag()).isEqualTo(model.etag());
  }

  @Test
  @DisplayName("The same object, or an equal one, is served the body encoded the first time")
  void reused() {
    ModelBodies bodies = new ModelBodies(1 << 20);
    ModelConfig model = model("1", parameters(), 3);
    ModelBodies.Encoded first = bodies.of(model);
    assertThat(bodies.of(model).body()).isSameAs(first.body());
    ModelConfig equal = model("1", parameters(), 3);
    assertThat(bodies.of(equal).body()).isSameAs(first.body());
    assertThat(bodies.of(equal).body()).isSameAs(first.body());
  }

  @Test
  @DisplayName("Another revision, or other content under the same uid and revision, is encoded afresh")
  void otherContentEncodedAgain() {
    ModelBodies bodies = new ModelBodies(1 << 20);
    ModelConfig model = model("1", parameters(), 3);
    bodies.of(model);
    ModelConfig next = model("2", parameters(), 4);
    assertThat(bodies.of(next).body().getBytes()).isEqualTo(encoded(next));
    assertThat(bodies.of(next).etag()).isEqualTo(next.etag());
    ModelConfig sameEtagOtherContent = model("3", Map.of("dim", 1), 4);
    assertThat(sameEtagOtherContent.etag()).isEqualTo(next.etag());
    assertThat(bodies.of(sameEtagOtherContent).body().getBytes()).isEqualTo(encoded(sameEtagOtherContent));
    assertThat(bodies.of(next).body().getBytes()).isEqualTo(encoded(next));
  }

  @Test
  @DisplayName("With no room to keep anything, every body is still the model's own")
  void noRoom() {
    ModelBodies bodies = new ModelBodies(0);
    for (int revision = 1; revision <= 3; revision++) {
      ModelConfig model = model(String.valueOf(revision), parameters(), revision);
      assertThat(bodies.of(model).body().getBytes()).isEqualTo(encoded(model));
      assertThat(bodies.of(model).body().getBytes()).isEqualTo(encoded(model));
    }
  }
}
