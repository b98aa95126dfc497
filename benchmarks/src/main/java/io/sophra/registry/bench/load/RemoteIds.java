package io.sophra.registry.bench.load;

import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.support.Await;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The ids a running node holds, read page by page from {@code GET /v1/models}. */
final class RemoteIds {

  private RemoteIds() {
  }

  static List<String> list(Context context, HttpClient client, HttpTarget target, int max) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/v1/models?limit=1000" + (cursor == null ? "" : "&cursor="
          + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonObject page = Await.result(HttpTarget.on(context, () -> target.fetch(client, path)), 60).toJsonObject();
      page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
      cursor = page.getString("nextCursor");
    } while (cursor != null && ids.size() < max);
    if (ids.isEmpty()) {
      throw new IllegalStateException("the node at " + target.host() + ":" + target.port() + " holds no models");
    }
    return ids.size() > max ? ids.subList(0, max) : ids;
  }
}
