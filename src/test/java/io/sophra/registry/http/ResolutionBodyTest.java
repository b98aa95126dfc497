package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasJson;
import io.sophra.registry.alias.Resolution;
import io.sophra.registry.alias.Routing;
import io.sophra.registry.alias.Variant;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A resolution's body carries the model's body as encoded once, byte for byte what AliasJson builds")
class ResolutionBodyTest {

  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

  private static ModelConfig model(String id) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dim", 768);
    parameters.put("note", "Zoë \"quoted\" \u2028 }");
    return new ModelConfig(id, "base", "1", parameters, Map.of("team", "search"), ModelStatus.READY, AT,
        AT.plusSeconds(1), "uid-" + id, 4);
  }

  private static Resolution resolution(Optional<String> subject, List<ModelId> skipped, Routing.Reason reason) {
    Alias alias = new Alias("checkout", List.of(new Variant(new ModelId("m-a"), 90), new Variant(new ModelId("m-b"), 10)),
        "salt", "", AT, AT, "alias-uid", 2);
    Routing.Draw draw = subject.map(value -> Routing.draw(alias.salt(), value)).orElseGet(Routing::random);
    return new Resolution(alias, subject, draw, 1, reason, skipped, model("m-b"));
  }

  @Test
  @DisplayName("With and without a subject, with and without skipped variants: the same bytes as AliasJson.toJson")
  void sameBytes() {
    ModelBodies bodies = new ModelBodies(1 << 20);
    for (Resolution resolution : List.of(
        resolution(Optional.of("user-7"), List.of(), Routing.Reason.BUCKET),
        resolution(Optional.empty(), List.of(), Routing.Reason.RANDOM),
        resolution(Optional.of("user-\"9\""), List.of(new ModelId("m-a")), Routing.Reason.FALLBACK))) {
      byte[] spliced = AliasHandlers.resolutionBody(resolution, bodies.of(resolution.model()).body()).getBytes();
      assertThat(spliced).isEqualTo(AliasJson.toJson(resolution).toBuffer().getBytes());
      assertThat(new JsonObject(new String(spliced, java.nio.charset.StandardCharsets.UTF_8))
          .getJsonObject(AliasJson.RESOLVED_MODEL).getString("id")).isEqualTo("m-b");
    }
  }
}
