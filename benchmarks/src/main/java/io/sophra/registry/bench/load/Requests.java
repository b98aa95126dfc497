package io.sophra.registry.bench.load;

import io.sophra.registry.bench.http.HttpTarget;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;

/** One GET of the load runs, answered with its status once the whole body has been read. */
final class Requests {

  private final HttpClient client;
  private final HttpTarget target;
  private final String[] paths;
  private int cursor;

  /** {@code paths} has a power-of-two length; the runs walk it in order. */
  Requests(HttpClient client, HttpTarget target, String[] paths) {
    if (Integer.bitCount(paths.length) != 1) {
      throw new IllegalArgumentException("paths must have a power-of-two length");
    }
    this.client = client;
    this.target = target;
    this.paths = paths;
  }

  /** Sends the next GET; call on the client's context only. */
  Future<Integer> next() {
    String path = paths[cursor++ & (paths.length - 1)];
    return client.request(target.get(path)).compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()));
  }
}
