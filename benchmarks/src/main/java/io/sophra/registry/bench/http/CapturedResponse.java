package io.sophra.registry.bench.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One real response of the registry (status, headers, body), which the bare baseline server then
 * answers to every request: the same bytes on the wire, with none of the work behind them.
 */
public record CapturedResponse(int status, MultiMap headers, Buffer body) {

  /** Headers the server writes for itself on every response. */
  private static final Set<String> PER_RESPONSE = Set.of("content-length", "connection", "date",
      "transfer-encoding", "keep-alive");

  /**
   * GETs {@code path} from the node and keeps what it answered; fails unless the answer is a 200.
   * Call on the client's context (see {@link HttpTarget#on}).
   */
  public static Future<CapturedResponse> capture(HttpClient client, HttpTarget target, String path) {
    RequestOptions request = target.get(path);
    return client.request(request).compose(req -> req.send())
        .compose(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + body);
          }
          MultiMap headers = MultiMap.caseInsensitiveMultiMap();
          response.headers().forEach(header -> {
            if (!PER_RESPONSE.contains(header.getKey().toLowerCase(Locale.ROOT))) {
              headers.add(header.getKey(), header.getValue());
            }
          });
          return new CapturedResponse(response.statusCode(), headers, body);
        }));
  }

  /**
   * GETs each of {@code paths} from the node, one after another, and keeps each answer by its path;
   * fails unless every answer is a 200. Call on the client's context (see {@link HttpTarget#on}).
   */
  public static Future<Map<String, CapturedResponse>> captureEach(HttpClient client, HttpTarget target,
      Collection<String> paths) {
    Map<String, CapturedResponse> byPath = new LinkedHashMap<>();
    return captureNext(client, target, paths.iterator(), byPath).map(done -> byPath);
  }

  private static Future<Void> captureNext(HttpClient client, HttpTarget target, Iterator<String> paths,
      Map<String, CapturedResponse> byPath) {
    if (!paths.hasNext()) {
      return Future.succeededFuture();
    }
    String path = paths.next();
    return capture(client, target, path).compose(response -> {
      byPath.put(path, response);
      return captureNext(client, target, paths, byPath);
    });
  }

  /** Responses by path as one JSON object, for a bare server in another process. */
  public static JsonObject toJson(Map<String, CapturedResponse> byPath) {
    JsonObject json = new JsonObject();
    byPath.forEach((path, response) -> json.put(path, response.toJson()));
    return json;
  }

  /** The responses by path that {@link #toJson(Map)} wrote. */
  public static Map<String, CapturedResponse> byPathFromJson(JsonObject json) {
    Map<String, CapturedResponse> byPath = new LinkedHashMap<>();
    json.forEach(entry -> byPath.put(entry.getKey(), fromJson((JsonObject) entry.getValue())));
    return byPath;
  }

  /** This response as JSON (the body in base64), for a bare server in another process. */
  public JsonObject toJson() {
    JsonArray pairs = new JsonArray();
    headers.forEach(header -> pairs.add(new JsonArray().add(header.getKey()).add(header.getValue())));
    return new JsonObject().put("status", status).put("headers", pairs).put("body", body.getBytes());
  }

  public static CapturedResponse fromJson(JsonObject json) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    json.getJsonArray("headers").forEach(pair -> headers.add(((JsonArray) pair).getString(0),
        ((JsonArray) pair).getString(1)));
    return new CapturedResponse(json.getInteger("status"), headers, Buffer.buffer(json.getBinary("body")));
  }

  /** Whether this is the shape of a JSON model answer (a sanity check of the capture). */
  public boolean isJson() {
    String type = headers.get(HttpHeaders.CONTENT_TYPE);
    return type != null && type.startsWith("application/json");
  }
}
