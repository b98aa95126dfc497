package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.config.BackupSettings;
import io.sophra.registry.config.LogSettings;
import io.sophra.registry.support.SseStream;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps src/main/resources/openapi.yaml exactly in step with the server: the same routes, and every
 * status the server answers on a route is documented for it.
 */
@DisplayName("The OpenAPI document agrees with the server")
class OpenApiContractTest extends ApiTestBase {

  private static Map<String, Map<String, Object>> paths;
  private static String document;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readDocument() throws IOException {
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
      document = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Map<String, Object> root = new Yaml().load(document);
    assertThat(root.get("openapi")).isEqualTo("3.1.0");
    paths = (Map<String, Map<String, Object>>) root.get("paths");
  }

  @Test
  @DisplayName("Every route of the router is documented and every documented operation is routed")
  void sameRoutes() {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = ApiRoutes.create(vertx,
          new ApiServices(null, null, new BearerAuthentication(null, null, null), null, ctx -> ctx.next(), new Readiness(), null, null,
              new AccessLog(new LogSettings(LogSettings.Format.TEXT, false, false), new SimpleMeterRegistry()),
              new BackupSettings(1024), null, ModelBodies.create()),
          Buffer.buffer(), 1024);
      Set<String> routed = new TreeSet<>();
      for (Route route : router.getRoutes()) {
        Set<HttpMethod> methods = route.methods();
        if (route.getPath() != null && methods != null && !methods.isEmpty()) {
          methods.forEach(method -> routed.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}")));
        }
      }
      Set<String> documented = new TreeSet<>();
      paths.forEach((path, operations) -> operations.keySet().stream()
          .filter(key -> !key.equals("parameters"))
          .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
      assertThat(routed).isEqualTo(documented);
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("Every status the server answers on each operation is documented for it")
  void statusesDocumented() {
    String id = newId("contract");
    Set<String> observed = new HashSet<>();
    record(observed, "post", "/v1/models", http.post("/v1/models", body(id).encode()));
    record(observed, "post", "/v1/models", http.post("/v1/models", body(id).encode()));
    record(observed, "post", "/v1/models", http.post("/v1/models", "{"));
    record(observed, "post", "/v1/models", http.post("/v1/models", "{}", "Content-Type", "text/plain"));
    record(observed, "post", "/v1/models", http.send("POST", "/v1/models", new byte[300 * 1024],
        "Content-Type", "application/json"));
    record(observed, "get", "/v1/models", http.get("/v1/models"));
    record(observed, "get", "/v1/models", http.get("/v1/models?limit=0"));
    record(observed, "post", "/v1/models/_batchGet", http.post("/v1/models/_batchGet", "{\"ids\":[\"" + id + "\"]}"));
    record(observed, "post", "/v1/models/_batchGet", http.post("/v1/models/_batchGet", "{\"ids\":[]}"));
    record(observed, "post", "/v1/models/_batchGet", http.post("/v1/models/_batchGet", "{}", "Content-Type", "text/csv"));
    String etag = http.get("/v1/models/" + id).header("ETag");
    record(observed, "get", "/v1/models/{id}", http.get("/v1/models/" + id));
    record(observed, "get", "/v1/models/{id}", http.get("/v1/models/" + id, "If-None-Match", etag));
    record(observed, "get", "/v1/models/{id}", http.get("/v1/models/nothing-here"));
    record(observed, "get", "/v1/models/{id}", http.get("/v1/models/a..b"));
    record(observed, "patch", "/v1/models/{id}", http.patch("/v1/models/" + id, "{\"status\":\"training\"}"));
    record(observed, "patch", "/v1/models/{id}", http.patch("/v1/models/" + id, "{\"status\":\"initializing\"}"));
    record(observed, "patch", "/v1/models/{id}", http.patch("/v1/models/" + id, "{\"x\":1}"));
    record(observed, "patch", "/v1/models/{id}", http.patch("/v1/models/" + id, "{}", "If-Match", etag));
    record(observed, "patch", "/v1/models/{id}", http.patch("/v1/models/" + id, "{}", "Content-Type", "text/plain"));
    record(observed, "patch", "/v1/models/{id}", http.patch("/v1/models/nothing-here", "{}"));
    record(observed, "delete", "/v1/models/{id}", http.delete("/v1/models/" + id, "If-Match", etag));
    record(observed, "delete", "/v1/models/{id}", http.delete("/v1/models/" + id));
    record(observed, "delete", "/v1/models/{id}", http.delete("/v1/models/" + id));
    record(observed, "delete", "/v1/models/{id}", http.delete("/v1/models/a..b"));
    record(observed, "get", "/v1/events", http.get("/v1/events?after=x"));
    record(observed, "get", "/v1/events", http.get("/v1/events?after=" + Long.MAX_VALUE / 2));
    try (SseStream stream = SseStream.open(node.config().http().port(), "/v1/events", "Authorization",
        "Bearer " + TestTokens.admin())) {
      observed.add("get /v1/events " + stream.status());
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
    }
    record(observed, "get", "/health/live", http.get("/health/live"));
    record(observed, "get", "/health/ready", http.get("/health/ready"));
    record(observed, "get", "/openapi.yaml", http.get("/openapi.yaml"));
    record(observed, "get", "/docs", http.get("/docs"));

    Set<String> undocumented = new TreeSet<>();
    for (String entry : observed) {
      String[] parts = entry.split(" ");
      if (!documentedStatuses(parts[0], parts[1]).contains(parts[2])) {
        undocumented.add(entry);
      }
    }
    assertThat(undocumented).isEmpty();
    assertThat(observed).contains("post /v1/models 201", "post /v1/models 409", "post /v1/models 413",
        "get /v1/models/{id} 304", "patch /v1/models/{id} 412", "delete /v1/models/{id} 204",
        "get /v1/events 200", "get /v1/events 410");
  }

  @Test
  @DisplayName("Every operation documents the X-Request-Id header")
  @SuppressWarnings("unchecked")
  void requestIdOnEveryOperation() {
    paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
      if (!method.equals("parameters")) {
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) ((Map<String, Object>) operation)
            .getOrDefault("parameters", List.of());
        assertThat(parameters).as(method + " " + path)
            .anySatisfy(parameter -> assertThat(parameter.get("$ref")).isEqualTo("#/components/parameters/RequestId"));
      }
    }));
  }

  @Test
  @DisplayName("Backup and restore answer only documented statuses")
  void backupStatusesDocumented() {
    Set<String> observed = new HashSet<>();
    record(observed, "get", "/v1/export", http.get("/v1/export"));
    record(observed, "post", "/v1/import", http.send("POST", "/v1/import", "{\"kind\":\"end\"}".getBytes(),
        "Content-Type", "application/x-ndjson"));
    record(observed, "post", "/v1/import", http.send("POST", "/v1/import", "{}".getBytes(), "Content-Type", "text/plain"));
    record(observed, "post", "/v1/import", http.send("POST", "/v1/import?mode=x", "{}".getBytes(),
        "Content-Type", "application/x-ndjson"));
    for (String entry : observed) {
      String[] parts = entry.split(" ");
      assertThat(documentedStatuses(parts[0], parts[1])).as(entry).contains(parts[2]);
    }
    assertThat(observed).contains("get /v1/export 200", "post /v1/import 200", "post /v1/import 415",
        "post /v1/import 400");
  }

  @Test
  @DisplayName("Every problem type the server can send is listed in the document")
  void problemTypesListed() {
    for (ProblemType type : ProblemType.values()) {
      if (type != ProblemType.INTERNAL) {
        assertThat(document).as(type.name()).contains("`" + type.uri() + "` | " + type.status());
      }
    }
  }

  private static void record(Set<String> observed, String method, String path, Reply reply) {
    observed.add(method + " " + path + " " + reply.status());
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documentedStatuses(String method, String path) {
    Map<String, Object> operation = (Map<String, Object>) paths.get(path).get(method);
    return ((Map<Object, Object>) operation.get("responses")).keySet().stream().map(String::valueOf)
        .collect(java.util.stream.Collectors.toSet());
  }
}
