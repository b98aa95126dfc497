package io.sophra.registry.http;

import static io.sophra.registry.http.AliasApiTest.aliasBody;
import static io.sophra.registry.http.AliasApiTest.put;
import static io.sophra.registry.http.AliasApiTest.readyModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.alias.Routing;
import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A model an alias routes to stays ready or in error")
class AliasModelGuardTest extends ApiTestBase {

  @Test
  @DisplayName("Moving it to training or initializing, or deleting it, is 409 in-use-by-alias naming every alias; nothing changes")
  void movesAwayRefused() {
    String a = readyModel("a");
    String b = readyModel("b");
    String first = newId("first");
    String second = newId("second");
    assertThat(put(first, aliasBody(a, 50, b, 50)).status()).isEqualTo(201);
    assertThat(put(second, aliasBody(a, 100)).status()).isEqualTo(201);

    Reply training = http.patch("/v1/models/" + a, "{\"status\":\"training\"}");
    assertProblem(training, 409, "in-use-by-alias");
    assertThat(training.json().getString("detail")).contains(first, second);
    assertThat(training.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("message")))
        .containsExactly(first.compareTo(second) < 0 ? first : second, first.compareTo(second) < 0 ? second : first);
    assertProblem(http.patch("/v1/models/" + a, "{\"status\":\"initializing\"}"), 409, "in-use-by-alias");
    assertProblem(http.delete("/v1/models/" + a), 409, "in-use-by-alias");
    JsonObject model = http.get("/v1/models/" + a).json();
    assertThat(model.getString("status")).isEqualTo("ready");
    assertThat(model.getLong("revision")).isEqualTo(1);

    assertThat(http.patch("/v1/models/" + a, "{\"metadata\":{\"note\":\"still routable\"}}").status())
        .as("other changes are not guarded").isEqualTo(200);

    assertThat(put(second, aliasBody(b, 100)).status()).isEqualTo(200);
    assertThat(http.delete("/v1/aliases/" + first).status()).isEqualTo(204);
    assertThat(http.patch("/v1/models/" + a, "{\"status\":\"training\"}").status())
        .as("free once no alias routes to it").isEqualTo(200);
    assertThat(http.delete("/v1/models/" + a).status()).isEqualTo(204);
  }

  @Test
  @DisplayName("Moving it to error is allowed: resolution places its subjects on the others by their spare, and no one else moves")
  void errorIsSkipped() {
    String a = readyModel("a");
    String b = readyModel("b");
    String c = readyModel("c");
    String name = newId("skip");
    assertThat(put(name, aliasBody(a, 50, b, 30, c, 20).put("salt", "salt-1")).status()).isEqualTo(201);
    String onA = subjectIn("salt-1", 0, 50);
    String onB = subjectIn("salt-1", 50, 80);

    assertThat(http.patch("/v1/models/" + a, "{\"status\":\"error\"}").status()).isEqualTo(200);
    JsonObject moved = resolve(name, onA);
    assertThat(moved.getString("reason")).isEqualTo("fallback");
    assertThat(moved.getJsonArray("skipped").getList()).containsExactly(a);
    long spare = Routing.draw("salt-1", onA).spare();
    assertThat(moved.getJsonObject("variant").getString("modelId")).isEqualTo(spare % 50 < 30 ? b : c);
    assertThat(moved.getJsonObject("model").getString("status")).isEqualTo("ready");
    JsonObject stays = resolve(name, onB);
    assertThat(stays.getString("reason")).isEqualTo("bucket");
    assertThat(stays.getJsonObject("variant").getString("modelId")).isEqualTo(b);

    assertProblem(http.patch("/v1/models/" + a, "{\"status\":\"training\"}"), 409, "in-use-by-alias");
    assertThat(http.patch("/v1/models/" + b, "{\"status\":\"error\"}").status()).isEqualTo(200);
    assertThat(http.patch("/v1/models/" + c, "{\"status\":\"error\"}").status()).isEqualTo(200);
    assertProblem(http.get("/v1/aliases/" + name + "/resolve?subject=" + onB), 409, "no-ready-variant");
  }

  @Test
  @DisplayName("Creating an alias over a model in error is refused like any model that is not ready")
  void errorModelNotAccepted() {
    String a = readyModel("a");
    assertThat(http.patch("/v1/models/" + a, "{\"status\":\"error\"}").status()).isEqualTo(200);
    assertProblem(put(newId("err"), aliasBody(a, 100)), 409, "variant-not-ready");
  }

  private static JsonObject resolve(String name, String subject) {
    Reply reply = http.get("/v1/aliases/" + name + "/resolve?subject=" + subject);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  /** A subject whose bucket under {@code salt} lies in [from, to). */
  private static String subjectIn(String salt, int from, int to) {
    for (int i = 0; ; i++) {
      int bucket = Routing.draw(salt, "user-" + i).bucket();
      if (bucket >= from && bucket < to) {
        return "user-" + i;
      }
    }
  }
}
