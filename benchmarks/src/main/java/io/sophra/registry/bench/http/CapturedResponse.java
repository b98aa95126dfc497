package io.sophra.registry.bench.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
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

  /** Whether this is the shape of a JSON model answer (a sanity check of the capture). */
  public boolean isJson() {
    String type = headers.get(HttpHeaders.CONTENT_TYPE);
    return type != null && type.startsWith("application/json");
  }
}
