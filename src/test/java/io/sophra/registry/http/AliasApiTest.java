package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/v1/aliases: weighted, sticky aliases over ready models")
class AliasApiTest extends ApiTestBase {

  /** Registers a model in status ready and answers its id. */
  static String readyModel(String prefix) {
    String id = newId(prefix);
    Reply reply = http.post("/v1/models", body(id).put("status", "ready").encode());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return id;
  }

  /** An alias body: model ids and weights alternating. */
  static JsonObject aliasBody(Object... modelsAndWeights) {
    JsonArray variants = new JsonArray();
    for (int i = 0; i < modelsAndWeights.length; i += 2) {
      variants.add(new JsonObject().put("modelId", modelsAndWeights[i]).put("weight", modelsAndWeights[i + 1]));
    }
    return new JsonObject().put("variants", variants);
  }

  @Test
  @DisplayName("PUT creates (201, Location, ETag), GET reads it (304 on If-None-Match), PUT replaces (200, next revision)")
  void createReadReplace() {
    String a = readyModel("a");
    String b = readyModel("b");
    String name = newId("ranker");
    Reply created = http.send("PUT", "/v1/aliases/" + name, aliasBody(a, 90, b, 10).put("description", "ranker test")
        .encode().getBytes(), "Content-Type", "application/json");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/v1/aliases/" + name);
    JsonObject alias = created.json();
    assertThat(alias.getString("name")).isEqualTo(name);
    assertThat(alias.getLong("revision")).isEqualTo(1);
    assertThat(alias.getString("salt")).as("the salt defaults to the name").isEqualTo(name);
    assertThat(alias.getString("description")).isEqualTo("ranker test");
    assertThat(created.header("ETag")).isEqualTo("\"" + alias.getString("uid") + ".1\"");

    Reply read = http.get("/v1/aliases/" + name);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(alias);
    assertThat(http.get("/v1/aliases/" + name, "If-None-Match", created.header("ETag")).status()).isEqualTo(304);

    Reply replaced = put(name, aliasBody(a, 80, b, 20));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().getLong("revision")).isEqualTo(2);
    assertThat(replaced.json().getString("uid")).isEqualTo(alias.getString("uid"));
    assertThat(replaced.json().getString("description")).as("PUT replaces the whole content").isEmpty();
    assertThat(replaced.header("ETag")).isEqualTo("\"" + alias.getString("uid") + ".2\"");
  }

  @Test
  @DisplayName("A PUT of the content the alias holds stores nothing: same revision, same ETag")
  void noOp() {
    String a = readyModel("a");
    String name = newId("noop");
    Reply first = put(name, aliasBody(a, 100).put("salt", "s1"));
    Reply again = put(name, aliasBody(a, 100).put("salt", "s1"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
  }

  @Test
  @DisplayName("If-Match and If-None-Match make a PUT conditional (412 with the current ETag); DELETE takes If-Match")
  void conditions() {
    String a = readyModel("a");
    String name = newId("cond");
    assertProblem(put(name, aliasBody(a, 100), "If-Match", "\"nope.1\""), 412, "revision-mismatch");
    Reply created = put(name, aliasBody(a, 100), "If-None-Match", "*");
    assertThat(created.status()).isEqualTo(201);
    Reply exists = put(name, aliasBody(a, 100).put("salt", "x"), "If-None-Match", "*");
    assertProblem(exists, 412, "revision-mismatch");
    assertThat(exists.header("ETag")).isEqualTo(created.header("ETag"));
    Reply updated = put(name, aliasBody(a, 100).put("salt", "x"), "If-Match", created.header("ETag"));
    assertThat(updated.status()).isEqualTo(200);
    Reply stale = put(name, aliasBody(a, 100).put("salt", "y"), "If-Match", created.header("ETag"));
    assertProblem(stale, 412, "revision-mismatch");
    assertThat(stale.header("ETag")).isEqualTo(updated.header("ETag"));
    assertThat(http.get("/v1/aliases/" + name).json().getString("salt")).isEqualTo("x");

    assertProblem(http.delete("/v1/aliases/" + name, "If-Match", created.header("ETag")), 412, "revision-mismatch");
    assertThat(http.delete("/v1/aliases/" + name, "If-Match", updated.header("ETag")).status()).isEqualTo(204);
    assertProblem(http.get("/v1/aliases/" + name), 404, "not-found");
    assertProblem(http.delete("/v1/aliases/" + name), 404, "not-found");
    Reply again = put(name, aliasBody(a, 100));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getString("uid")).as("a new incarnation").isNotEqualTo(created.json().getString("uid"));
    assertProblem(put(name, aliasBody(a, 100).put("salt", "z"), "If-Match", updated.header("ETag")), 412,
        "revision-mismatch");
  }

  @Test
  @DisplayName("Bad aliases are 400 naming every problem, and nothing is stored")
  void validation() {
    String a = readyModel("a");
    String b = readyModel("b");
    String name = newId("bad");
    assertValidation(put(name, aliasBody(a, 60, b, 30)), "/variants");
    assertValidation(put(name, aliasBody(a, 50, a, 50)), "/variants/1/modelId");
    assertValidation(put(name, aliasBody(a, 101, b, -1)), "/variants/0/weight");
    assertValidation(put(name, aliasBody(a, 99.5, b, 0.5)), "/variants/0/weight");
    assertValidation(put(name, aliasBody("a..b", 100)), "/variants/0/modelId");
    assertValidation(put(name, new JsonObject()), "/variants");
    assertValidation(put(name, new JsonObject().put("variants", new JsonArray())), "/variants");
    JsonObject eleven = aliasBody();
    for (int i = 0; i < 11; i++) {
      eleven.getJsonArray("variants").add(new JsonObject().put("modelId", "m" + i).put("weight", i == 0 ? 90 : 1));
    }
    assertValidation(put(name, eleven), "/variants");
    assertValidation(put(name, aliasBody(a, 100).put("extra", 1)), "/extra");
    assertValidation(put(name, aliasBody(a, 100).put("salt", "")), "/salt");
    assertValidation(put(name, aliasBody(a, 100).put("description", "x".repeat(1025))), "/description");
    assertValidation(put(name, aliasBody(a, 100).put("name", "other")), "/name");
    assertValidation(put("a..b", aliasBody(a, 100)), "name");
    assertProblem(http.send("PUT", "/v1/aliases/" + name, "{".getBytes(), "Content-Type", "application/json"), 400,
        "validation");
    assertProblem(http.send("PUT", "/v1/aliases/" + name, "{}".getBytes(), "Content-Type", "text/plain"), 415,
        "unsupported-media-type");
    assertProblem(http.get("/v1/aliases/" + name), 404, "not-found");
  }

  @Test
  @DisplayName("An alias routes only to existing, ready models: 409 variant-not-ready naming each other variant")
  void variantsMustBeReady() {
    String ready = readyModel("ready");
    String training = newId("training");
    assertThat(http.post("/v1/models", body(training).put("status", "training").encode()).status()).isEqualTo(201);
    String name = newId("notready");
    Reply reply = put(name, aliasBody(ready, 50, training, 30, "no-such-model", 20));
    assertProblem(reply, 409, "variant-not-ready");
    assertThat(reply.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactly("/variants/1/modelId", "/variants/2/modelId");
    assertProblem(http.get("/v1/aliases/" + name), 404, "not-found");
  }

  @Test
  @DisplayName("GET /v1/aliases pages through every alias in name order")
  void list() {
    String a = readyModel("a");
    String prefix = newId("list");
    for (int i = 0; i < 5; i++) {
      assertThat(put(prefix + "-" + i, aliasBody(a, 100)).status()).isEqualTo(201);
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    String previous = "";
    do {
      Reply page = http.get("/v1/aliases?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      for (Object item : page.json().getJsonArray("items")) {
        String name = ((JsonObject) item).getString("name");
        assertThat(name).isGreaterThan(previous);
        previous = name;
        seen.add(name);
      }
      cursor = page.json().getString("nextCursor");
    } while (cursor != null);
    for (int i = 0; i < 5; i++) {
      assertThat(seen).contains(prefix + "-" + i);
    }
    assertValidation(http.get("/v1/aliases?limit=0"), "limit");
    assertValidation(http.get("/v1/aliases?cursor=nonsense"), "cursor");
  }

  @Test
  @DisplayName("Resolve: the same subject always gets the same variant, the model with its ETag, and why")
  void resolve() {
    String a = readyModel("a");
    String b = readyModel("b");
    String name = newId("resolve");
    assertThat(put(name, aliasBody(a, 50, b, 50).put("salt", "fixed-salt")).status()).isEqualTo(201);
    Reply first = http.get("/v1/aliases/" + name + "/resolve?subject=user-42");
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    JsonObject resolution = first.json();
    // SHA-256("fixed-salt:user-42") computed independently: its bucket decides, 50/50 → a below 50
    int bucket = resolution.getInteger("bucket");
    assertThat(resolution.getJsonObject("variant").getString("modelId")).isEqualTo(bucket < 50 ? a : b);
    assertThat(resolution.getString("reason")).isEqualTo("bucket");
    assertThat(resolution.getString("subject")).isEqualTo("user-42");
    assertThat(resolution.getJsonObject("alias").getLong("revision")).isEqualTo(1);
    JsonObject model = resolution.getJsonObject("model");
    assertThat(model.getString("id")).isEqualTo(resolution.getJsonObject("variant").getString("modelId"));
    assertThat(first.header("ETag")).isEqualTo(http.get("/v1/models/" + model.getString("id")).header("ETag"));
    for (int i = 0; i < 20; i++) {
      assertThat(http.get("/v1/aliases/" + name + "/resolve?subject=user-42").json()).isEqualTo(resolution);
    }

    Set<String> randomPicks = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      JsonObject random = http.get("/v1/aliases/" + name + "/resolve").json();
      assertThat(random.getString("reason")).isEqualTo("random");
      assertThat(random.containsKey("subject")).isFalse();
      randomPicks.add(random.getJsonObject("variant").getString("modelId"));
    }
    assertThat(randomPicks).containsExactlyInAnyOrder(a, b);

    assertProblem(http.get("/v1/aliases/" + newId("nothing") + "/resolve?subject=x"), 404, "not-found");
    assertValidation(http.get("/v1/aliases/" + name + "/resolve?subject="), "subject");
    assertValidation(http.get("/v1/aliases/" + name + "/resolve?subject=" + "x".repeat(257)), "subject");
    assertValidation(http.get("/v1/aliases/" + name + "/resolve?subject=a&subject=b"), "subject");
    assertValidation(http.get("/v1/aliases/a..b/resolve?subject=a"), "name");
  }

  static Reply put(String name, JsonObject body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http.send("PUT", "/v1/aliases/" + name, body.encode().getBytes(), all);
  }
}
