package io.sophra.registry.bench.load;

import io.sophra.registry.bench.http.HttpTarget;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;

/** The GETs of the HTTP load runs over a list of paths: expected when answered 200. */
final class HttpRequests implements Requests {

  private final HttpClient client;
  private final HttpTarget target;
  private final String[] paths;
  private int cursor;

  /** {@code paths} has a power-of-two length; the runs walk it in order. */
  HttpRequests(HttpClient client, HttpTarget target, String[] paths) {
    if (Integer.bitCount(paths.length) != 1) {
      throw new IllegalArgumentException("paths must have a power-of-two length");
    }
    this.client = client;
    this.target = target;
    this.paths = paths;
  }

  @Override
  public Future<Boolean> next() {
    String path = paths[cursor++ & (paths.length - 1)];
    return client.request(target.get(path)).compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode() == 200));
  }
}
