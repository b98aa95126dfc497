package io.sophra.registry.bench.load;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.http.BareServer;
import io.sophra.registry.bench.http.CapturedResponse;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Population;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One HTTP server of the load run, in a JVM of its own so that the load client never shares a process
 * (its heap, its GC, its JIT) with a server it measures:
 * <pre>
 *   ServerProcess registry MODELS     a registry node holding MODELS models, its Near Cache filled
 *   ServerProcess bare RESPONSE.json INSTANCES [WORK_NANOS]
 *                                     the bare Vert.x server answering one captured registry response
 *                                     (with WORK_NANOS of CPU per request first: a reference, see BareServer)
 *   ServerProcess bare-per-path RESPONSES.json INSTANCES
 *                                     the bare Vert.x server answering each path with the registry's own
 *                                     response to it (a reference, see BareServer)
 * </pre>
 * Prints {@code READY <port> <event loops of its HTTP API>} once it listens, then serves until its
 * standard input closes (the load run closes it, or dies), and stops.
 */
public final class ServerProcess {

  static final String READY = "READY ";

  private ServerProcess() {
  }

  public static void main(String[] args) throws IOException {
    Runnable stop;
    int port;
    int instances;
    switch (args[0]) {
      case "registry" -> {
        int models = Integer.parseInt(args[1]);
        RegistryNode node = BenchNodes.single(models);
        List<String> ids = Population.ids(Population.register(node.registry(), models));
        Population.fillNearCache(node.hazelcast(), ids);
        port = node.config().http().port();
        instances = node.config().http().effectiveInstances();
        stop = () -> BenchNodes.stop(List.of(node));
      }
      case "bare", "bare-per-path" -> {
        JsonObject captured = new JsonObject(Files.readString(Path.of(args[1])));
        instances = Integer.parseInt(args[2]);
        port = BenchNodes.freePort();
        Vertx vertx = Vertx.vertx();
        Await.result(args[0].equals("bare")
            ? BareServer.deploy(vertx, port, CapturedResponse.fromJson(captured), instances,
                args.length > 3 ? Long.parseLong(args[3]) : 0)
            : BareServer.deployPerPath(vertx, port, CapturedResponse.byPathFromJson(captured), instances), 30);
        stop = () -> Await.result(vertx.close(), 30);
      }
      default -> throw new IllegalArgumentException("usage: ServerProcess registry MODELS | bare RESPONSE.json"
          + " INSTANCES [WORK_NANOS] | bare-per-path RESPONSES.json INSTANCES");
    }
    System.out.println(READY + port + " " + instances);
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the load run closes our standard input
    }
    stop.run();
    System.exit(0);
  }
}
