package io.sophra.registry.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.failover.ApiClient.Answer;
import io.sophra.registry.failover.RegistryProcesses.Node;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every model a node lists, to compare what the nodes of a cluster hold. */
final class ModelListings {

  private ModelListings() {
  }

  /** id → "uid.revision" of every model {@code node} lists, page after page. */
  static Map<String, String> listing(ApiClient api, Node node) {
    Map<String, String> models = new TreeMap<>();
    String cursor = null;
    do {
      Answer page = api.send(node.url(), "GET", "/v1/models?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor), null);
      assertThat(page.status()).as("listing through " + node.host() + ": " + page).isEqualTo(200);
      JsonArray items = page.json().getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        models.put(item.getString("id"), item.getString("uid") + "." + item.getLong("revision"));
      }
      cursor = page.json().getString("nextCursor");
    } while (cursor != null);
    return models;
  }

  /** Waits until every node lists the same models; answers that listing, or fails showing the differences. */
  static Map<String, String> awaitAgreement(ApiClient api, List<Node> nodes, Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (true) {
      List<Map<String, String>> listings = new ArrayList<>();
      for (Node node : nodes) {
        listings.add(listing(api, node));
      }
      if (listings.stream().distinct().count() == 1) {
        return listings.get(0);
      }
      if (System.nanoTime() > until) {
        assertThat(listings).as("the models each node lists").containsOnly(listings.get(0));
      }
      Thread.sleep(500);
    }
  }
}
