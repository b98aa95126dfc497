package io.sophra.registry.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bare servers over real HTTP: the one-response server answers every path alike, the per-path server
 * each path with its own captured response, and an unknown path with a 404; responses
 * captured from one such server, carried as JSON to another, come back byte for byte.
 */
class BareServerPerPathTest {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final HttpClient client = HttpTarget.client(vertx, 2);

  @AfterEach
  void stop() {
    Await.result(vertx.close(), 10);
  }

  private static CapturedResponse model(String id) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json").add("etag",
        "\"" + id + "-3\"");
    return new CapturedResponse(200, headers, new JsonObject().put("id", id).put("revision", 3).toBuffer());
  }

  private HttpTarget deployed(Map<String, CapturedResponse> byPath) {
    int port = BenchNodes.freePort();
    Await.result(BareServer.deployPerPath(vertx, port, byPath, 2), 10);
    return new HttpTarget("127.0.0.1", port, "Bearer unused");
  }

  private record Answer(int status, String etag, Buffer body) {
  }

  private Answer get(HttpTarget target, String path) {
    return Await.result(HttpTarget.on(context, () -> client.request(target.get(path)).compose(request -> request.send())
        .compose((HttpClientResponse response) -> response.body().map(body -> new Answer(response.statusCode(),
            response.getHeader("etag"), body)))), 10);
  }

  @Test
  void eachPathGetsItsOwnResponseAndAnUnknownPathA404() {
    HttpTarget server = deployed(Map.of("/v1/models/a", model("a"), "/v1/models/b", model("b")));
    assertEquals(new Answer(200, "\"a-3\"", model("a").body()), get(server, "/v1/models/a"));
    assertEquals(new Answer(200, "\"b-3\"", model("b").body()), get(server, "/v1/models/b"));
    assertEquals(404, get(server, "/v1/models/c").status());
  }

  @Test
  void theOneResponseServerAnswersEveryPathWithItsResponse() {
    int port = BenchNodes.freePort();
    Await.result(BareServer.deploy(vertx, port, model("a"), 2), 10);
    HttpTarget server = new HttpTarget("127.0.0.1", port, "Bearer unused");
    assertEquals(new Answer(200, "\"a-3\"", model("a").body()), get(server, "/v1/models/a"));
    assertEquals(new Answer(200, "\"a-3\"", model("a").body()), get(server, "/v1/models/zzz"));
  }

  @Test
  void capturedResponsesCarriedAsJsonAreServedByteForByte() {
    HttpTarget origin = deployed(Map.of("/v1/models/a", model("a"), "/v1/models/b", model("b")));
    Map<String, CapturedResponse> captured = Await.result(HttpTarget.on(context,
        () -> CapturedResponse.captureEach(client, origin, List.of("/v1/models/b", "/v1/models/a"))), 10);
    assertEquals(List.of("/v1/models/b", "/v1/models/a"), List.copyOf(captured.keySet()));
    HttpTarget copy = deployed(CapturedResponse.byPathFromJson(new JsonObject(
        CapturedResponse.toJson(captured).encode())));
    assertEquals(get(origin, "/v1/models/a"), get(copy, "/v1/models/a"));
    assertEquals(get(origin, "/v1/models/b"), get(copy, "/v1/models/b"));
    assertEquals(new Answer(200, "\"b-3\"", model("b").body()), get(copy, "/v1/models/b"));
  }
}
