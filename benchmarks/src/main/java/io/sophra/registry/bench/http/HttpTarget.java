package io.sophra.registry.bench.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Where the HTTP benchmarks send their GETs, and the bearer token they send with each. */
public record HttpTarget(String host, int port, String authorization) {

  /** A keep-alive HTTP/1.1 client holding up to {@code connections} connections, no pipelining. */
  public static HttpClient client(Vertx vertx, int connections) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setPipelining(false)
        .setTcpNoDelay(true);
    return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /**
   * Runs {@code call} on {@code context}, the client's event-loop context. Measured here with Vert.x
   * 5.0.7: requests issued from threads outside Vert.x (each gets a fresh context) sooner or later
   * wait forever for a pooled keep-alive connection (after 100 to 700 requests, on 1 or 2 connections),
   * and a request timeout then logs "Promise already completed" from the pool; issued on one context,
   * 50,000 requests in a row went through. So every request of the benchmarks is issued on the context.
   */
  public static <T> Future<T> on(Context context, Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(ignored -> call.get().onComplete(promise));
    return promise.future();
  }

  /** A GET of {@code path} with the token; no per-request timeout (callers bound their waits). */
  public RequestOptions get(String path) {
    return new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(path)
        .putHeader(HttpHeaders.AUTHORIZATION, authorization);
  }

  /** GETs {@code path} and reads the whole body; fails unless the status is 200. Call on the client's context. */
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
