package io.sophra.registry.bench.load;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.http.BareServer;
import io.sophra.registry.bench.http.CapturedResponse;
import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.report.Machine;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.bench.support.Tokens;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP load run. Against a node it starts in this JVM (the default) it measures, with the same
 * client, first the bare Vert.x server and then the registry at saturation over {@code --connections}
 * keep-alive connections, then the registry at each fixed rate of {@code --rates}. Against a running
 * node ({@code --url} and {@code --token}) it runs the fixed rates only, over the ids that node lists.
 * Writes the results as JSON to {@code --out}; see {@link LoadOptions} for every option.
 */
public final class LoadRun {

  private LoadRun() {
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args);
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient client = HttpTarget.client(clientVertx, options.connections());
    RegistryNode node = null;
    Vertx bare = null;
    List<LoadResult> results = new ArrayList<>();
    try {
      HttpTarget registry;
      List<String> ids;
      if (options.url().isPresent()) {
        registry = options.target();
        ids = RemoteIds.list(client, registry, options.models());
      } else {
        node = BenchNodes.single(options.models());
        ids = Population.ids(Population.register(node.registry(), options.models()));
        Population.readAll(node.registry(), ids);
        registry = new HttpTarget("127.0.0.1", node.config().httpPort(), Tokens.bearer(Duration.ofHours(2)));
      }
      String[] paths = paths(options.keys(), ids);
      Context context = clientVertx.getOrCreateContext();
      if (node != null && options.saturation().toMillis() > 0) {
        CapturedResponse captured = Await.result(CapturedResponse.capture(client, registry, paths[0]), 30);
        bare = Vertx.vertx();
        int port = BenchNodes.freePort();
        Await.result(BareServer.deploy(bare, port, captured, node.config().effectiveHttpInstances()), 30);
        HttpTarget bareTarget = new HttpTarget("127.0.0.1", port, registry.authorization());
        results.add(report(new SaturationLoad(context, new Requests(client, bareTarget, paths))
            .run("BARE_VERTX", options.connections(), options.warmup(), options.saturation())));
        results.add(report(new SaturationLoad(context, new Requests(client, registry, paths))
            .run("REGISTRY", options.connections(), options.warmup(), options.saturation())));
      }
      for (double rate : options.rates()) {
        results.add(report(new FixedRateLoad(context, new Requests(client, registry, paths))
            .run("REGISTRY", options.connections(), rate, options.warmup(), options.duration())));
      }
    } finally {
      Await.result(clientVertx.close(), 30);
      if (bare != null) {
        Await.result(bare.close(), 30);
      }
      if (node != null) {
        BenchNodes.stop(List.of(node));
      }
    }
    write(options, results);
  }

  private static String[] paths(KeyDistribution keys, List<String> ids) {
    String[] drawn = keys.draw(ids);
    Map<String, String> pathOfId = new HashMap<>();
    ids.forEach(id -> pathOfId.put(id, "/v1/models/" + id));
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = pathOfId.get(drawn[i]);
    }
    return drawn;
  }

  private static LoadResult report(LoadResult result) {
    System.out.println(result.summary());
    return result;
  }

  private static void write(LoadOptions options, List<LoadResult> results) throws IOException {
    JsonArray runs = new JsonArray();
    results.forEach(result -> runs.add(result.toJson()));
    JsonObject json = new JsonObject()
        .put("machine", Machine.describe())
        .put("models", options.models())
        .put("keys", options.keys().name())
        .put("target", options.url().orElse("in-process node"))
        .put("runs", runs);
    Path out = options.out();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, json.encodePrettily());
    System.out.println("Load results written to " + out);
  }
}
