package io.sophra.registry.bench.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.Vertx;

/** Where the HTTP benchmarks send their GETs, and the bearer token they send with each. */
public record HttpTarget(String host, int port, String authorization) {

  /** A keep-alive HTTP/1.1 client holding up to {@code connections} connections, no pipelining. */
  public static HttpClient client(Vertx vertx, int connections) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setPipelining(false)
        .setTcpNoDelay(true);
    return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /**
   * A GET of {@code path} with the token. No per-request timeout: in Vert.x 5.0 a request timeout arms
   * a pool-acquisition timer that can keep a keep-alive connection from being reused (and logs
   * "Promise already completed"); callers bound their waits themselves.
   */
  public RequestOptions get(String path) {
    return new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(path)
        .putHeader(HttpHeaders.AUTHORIZATION, authorization);
  }

  /** GETs {@code path} and reads the whole body; fails unless the status is 200. */
  public Future<Buffer> fetch(HttpClient client, String path) {
    return client.request(get(path)).compose(request -> request.send())
        .compose(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
          }
          return body;
        }));
  }
}
