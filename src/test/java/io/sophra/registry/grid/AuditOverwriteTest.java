package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reproduction: the state that numbered audit entries is lost (its partition gone with
 * two members at once, or left on the minority side of a split) — here cleared by hand — and the
 * next change is recorded. With a counter that restarts at 1 the new entry replaced the first one;
 * with Flake-ID keys written put-if-absent every entry survives.
 */
@DisplayName("Losing the state that keys audit entries never costs an existing entry")
class AuditOverwriteTest {

  @Test
  @DisplayName("Clearing the former sequence map and destroying the id generator, then changing a model, keeps every entry")
  void lostKeyStateOverwritesNothing() {
    RegistryNode node = TestNodes.single(Map.of());
    try {
      Http admin = TestNodes.http(node);
      String tag = UUID.randomUUID().toString().substring(0, 8);
      for (int i = 1; i <= 3; i++) {
        register(admin, "before-" + i + "-" + tag);
      }

      node.hazelcast().getMap("audit-sequence").clear();
      node.hazelcast().getFlakeIdGenerator("audit-ids").destroy();
      register(admin, "after-" + tag);

      for (String id : List.of("before-1-" + tag, "before-2-" + tag, "before-3-" + tag, "after-" + tag)) {
        assertThat(admin.get("/v1/models/" + id + "/history").json().getJsonArray("items")).as(id).hasSize(1);
      }
      List<JsonObject> all = admin.get("/v1/audit?limit=1000").json().getJsonArray("items").stream()
          .map(JsonObject.class::cast).toList();
      assertThat(all).hasSize(4);
      assertThat(all.stream().map(entry -> entry.getString("id")).distinct()).hasSize(4);
      assertThat(all.get(0).getString("modelId")).isEqualTo("after-" + tag);
    } finally {
      TestNodes.stop(node);
    }
  }

  private static void register(Http admin, String id) {
    assertThat(admin.post("/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
        .isEqualTo(201);
  }
}
