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
 * node ({@code --url}, {@code --token}) it runs the fixed rates only, over the ids that node lists.
 * Writes the results as JSON to {@code --out}; {@link LoadOptions} lists every option.
 *
 * <pre>java -cp benchmarks.jar io.sophra.registry.bench.load.LoadRun --rates 2000,10000 --duration 30</pre>
 */
public final class LoadRun {

  private final LoadOptions options;
  private final Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final Context context = clientVertx.getOrCreateContext();
  private final HttpClient client;
  private final List<LoadResult> results = new ArrayList<>();
  private RegistryNode node;
  private Vertx bare;

  private LoadRun(LoadOptions options) {
    this.options = options;
    this.client = HttpTarget.client(clientVertx, options.connections());
  }

  public static void main(String[] args) throws Exception {
    LoadRun run = new LoadRun(LoadOptions.parse(args));
    try {
      run.run();
    } finally {
      run.close();
    }
    run.write();
  }

  private void run() throws InterruptedException {
    HttpTarget registry;
    List<String> ids;
    if (options.url().isPresent()) {
      registry = options.target();
      ids = RemoteIds.list(context, client, registry, options.models());
    } else {
      node = BenchNodes.single(options.models());
      ids = Population.ids(Population.register(node.registry(), options.models()));
      Population.fillNearCache(node.hazelcast(), ids);
      registry = new HttpTarget("127.0.0.1", node.config().http().port(), Tokens.bearer(Duration.ofHours(2)));
    }
    String[] paths = paths(options.keys(), ids);
    if (node != null && options.saturation().toMillis() > 0) {
      HttpTarget bareServer = startBareServer(registry, paths[0]);
      saturate("BARE_VERTX", bareServer, paths);
      saturate("REGISTRY", registry, paths);
    }
    for (double rate : options.rates()) {
      report(new FixedRateLoad(context, new Requests(client, registry, paths))
          .run("REGISTRY", options.connections(), rate, options.warmup(), options.duration()));
    }
  }

  /** A bare server answering what the registry answers to {@code path}, with as many instances as its API. */
  private HttpTarget startBareServer(HttpTarget registry, String path) {
    CapturedResponse captured = Await.result(HttpTarget.on(context,
        () -> CapturedResponse.capture(client, registry, path)), 30);
    bare = Vertx.vertx();
    int port = BenchNodes.freePort();
    Await.result(BareServer.deploy(bare, port, captured, node.config().http().effectiveInstances()), 30);
    return new HttpTarget("127.0.0.1", port, registry.authorization());
  }

  private void saturate(String subject, HttpTarget target, String[] paths) throws InterruptedException {
    report(new SaturationLoad(context, new Requests(client, target, paths))
        .run(subject, options.connections(), options.warmup(), options.saturation()));
  }

  private static String[] paths(KeyDistribution keys, List<String> ids) {
    Map<String, String> pathOfId = new HashMap<>();
    ids.forEach(id -> pathOfId.put(id, "/v1/models/" + id));
    String[] drawn = keys.draw(ids);
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = pathOfId.get(drawn[i]);
    }
    return drawn;
  }

  private void report(LoadResult result) {
    System.out.println(result.summary());
    results.add(result);
  }

  private void close() {
    Await.result(clientVertx.close(), 30);
    if (bare != null) {
      Await.result(bare.close(), 30);
    }
    if (node != null) {
      BenchNodes.stop(List.of(node));
    }
  }

  private void write() throws IOException {
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
