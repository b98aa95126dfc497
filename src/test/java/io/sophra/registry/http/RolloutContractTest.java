package io.sophra.registry.http;

import static io.sophra.registry.http.AliasApiTest.aliasBody;
import static io.sophra.registry.http.AliasApiTest.put;
import static io.sophra.registry.http.AliasApiTest.readyModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The statuses of the alias and metric routes are documented in openapi.yaml (OpenApiContractTest covers the routes). */
@DisplayName("The OpenAPI document agrees with the alias and metric routes")
class RolloutContractTest extends ApiTestBase {

  private static Map<String, Map<String, Object>> paths;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readDocument() throws IOException {
    try (InputStream in = RolloutContractTest.class.getResourceAsStream("/openapi.yaml")) {
      Map<String, Object> root = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      paths = (Map<String, Map<String, Object>>) root.get("paths");
    }
  }

  @Test
  @DisplayName("Every status the alias and metric routes answer is documented for them")
  void statusesDocumented() {
    Set<String> observed = new HashSet<>();
    String a = readyModel("contract-a");
    String name = newId("contract-alias");
    Http anonymous = new Http(TestNodes.url(node));
    String aliases = "/v1/aliases/{name}";
    record(observed, "put", aliases, put(name, aliasBody(a, 100)));
    record(observed, "put", aliases, put(name, aliasBody(a, 100).put("salt", "s")));
    record(observed, "put", aliases, put(name, aliasBody(a, 50)));
    record(observed, "put", aliases, put(name, aliasBody("nothing-here", 100)));
    record(observed, "put", aliases, put(name, aliasBody(a, 100), "If-Match", "\"x.1\""));
    record(observed, "put", aliases, http.send("PUT", "/v1/aliases/" + name, "{}".getBytes(), "Content-Type", "text/plain"));
    record(observed, "put", aliases, anonymous.send("PUT", "/v1/aliases/" + name, "{}".getBytes()));
    String etag = http.get("/v1/aliases/" + name).header("ETag");
    record(observed, "get", aliases, http.get("/v1/aliases/" + name));
    record(observed, "get", aliases, http.get("/v1/aliases/" + name, "If-None-Match", etag));
    record(observed, "get", aliases, http.get("/v1/aliases/nothing-here"));
    record(observed, "get", aliases, http.get("/v1/aliases/a..b"));
    record(observed, "get", "/v1/aliases", http.get("/v1/aliases"));
    record(observed, "get", "/v1/aliases", http.get("/v1/aliases?limit=0"));
    String resolve = "/v1/aliases/{name}/resolve";
    record(observed, "get", resolve, http.get("/v1/aliases/" + name + "/resolve?subject=u"));
    record(observed, "get", resolve, http.get("/v1/aliases/" + name + "/resolve?subject="));
    record(observed, "get", resolve, http.get("/v1/aliases/nothing-here/resolve"));
    assertThat(http.patch("/v1/models/" + a, "{\"status\":\"error\"}").status()).isEqualTo(200);
    record(observed, "get", resolve, http.get("/v1/aliases/" + name + "/resolve?subject=u"));
    record(observed, "patch", "/v1/models/{id}", http.patch("/v1/models/" + a, "{\"status\":\"training\"}"));
    record(observed, "delete", "/v1/models/{id}", http.delete("/v1/models/" + a));
    record(observed, "delete", aliases, http.delete("/v1/aliases/" + name, "If-Match", "\"x.1\""));
    record(observed, "delete", aliases, http.delete("/v1/aliases/" + name));
    record(observed, "delete", aliases, http.delete("/v1/aliases/" + name));

    String id = newId("contract-metrics");
    register(id);
    String metrics = "/v1/models/{id}/metrics";
    record(observed, "post", metrics, http.post("/v1/models/" + id + "/metrics", "{\"name\":\"n\",\"value\":1}"));
    record(observed, "post", metrics, http.post("/v1/models/" + id + "/metrics", "{\"name\":\"n\"}"));
    record(observed, "post", metrics, http.post("/v1/models/nothing-here/metrics", "{\"name\":\"n\",\"value\":1}"));
    record(observed, "post", metrics, http.post("/v1/models/" + id + "/metrics", "{}", "Content-Type", "text/plain"));
    record(observed, "post", metrics, http.send("POST", "/v1/models/" + id + "/metrics", new byte[300 * 1024],
        "Content-Type", "application/json"));
    record(observed, "get", metrics, http.get("/v1/models/" + id + "/metrics?name=n"));
    record(observed, "get", metrics, http.get("/v1/models/" + id + "/metrics?limit=0"));
    record(observed, "get", metrics, http.get("/v1/models/nothing-here/metrics"));
    String latest = "/v1/models/{id}/metrics/latest";
    record(observed, "get", latest, http.get("/v1/models/" + id + "/metrics/latest"));
    record(observed, "get", latest, http.get("/v1/models/nothing-here/metrics/latest"));
    record(observed, "get", latest, http.get("/v1/models/a..b/metrics/latest"));
    record(observed, "get", "/v1/models", http.get("/v1/models?sort=metric:n:desc"));
    record(observed, "get", "/v1/models", http.get("/v1/models?sort=nonsense"));

    Set<String> undocumented = new TreeSet<>();
    for (String entry : observed) {
      String[] parts = entry.split(" ");
      if (!documentedStatuses(parts[0], parts[1]).contains(parts[2])) {
        undocumented.add(entry);
      }
    }
    assertThat(undocumented).isEmpty();
    assertThat(observed).contains("put /v1/aliases/{name} 201", "put /v1/aliases/{name} 200",
        "put /v1/aliases/{name} 409", "put /v1/aliases/{name} 412", "get /v1/aliases/{name} 304",
        "get /v1/aliases/{name}/resolve 409", "patch /v1/models/{id} 409", "delete /v1/models/{id} 409",
        "post /v1/models/{id}/metrics 413", "get /v1/models/{id}/metrics/latest 404");
  }

  @Test
  @DisplayName("The resolution's ETag is the chosen model's, as the document says")
  void resolutionEtag() {
    String a = readyModel("etag");
    String name = newId("etag-alias");
    assertThat(put(name, aliasBody(a, 100)).status()).isEqualTo(201);
    Reply reply = http.get("/v1/aliases/" + name + "/resolve");
    JsonObject model = reply.json().getJsonObject("model");
    assertThat(reply.header("ETag")).isEqualTo("\"" + model.getString("uid") + "." + model.getLong("revision") + "\"");
  }

  private static void record(Set<String> observed, String method, String path, Reply reply) {
    observed.add(method + " " + path + " " + reply.status());
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documentedStatuses(String method, String path) {
    Map<String, Object> operation = (Map<String, Object>) paths.get(path).get(method);
    return ((Map<Object, Object>) operation.get("responses")).keySet().stream().map(String::valueOf)
        .collect(Collectors.toSet());
  }
}
