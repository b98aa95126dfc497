package io.sophra.registry.bench.support;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.grid.GridConfig;
import io.sophra.registry.grid.GridModelRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts registry members in this JVM the way the tests do: real Hazelcast members on loopback, a
 * unique cluster name, free ports, the benchmark's JWT settings, and {@code MODEL_REGISTRY_MAX_MODELS}
 * raised to what the benchmark stores, plus a tenth (a registration that times out during set-up may
 * leave its slot of the cap taken; see {@link Population#register}).
 */
public final class BenchNodes {

  private BenchNodes() {
  }

  /** One node alone in a new cluster. */
  public static RegistryNode single(int maxModels) {
    return cluster(1, maxModels).get(0);
  }

  /** {@code size} full nodes (HTTP API, Near Cache) forming one new cluster. */
  public static List<RegistryNode> cluster(int size, int maxModels) {
    return start(configs(size, maxModels), config -> RegistryNode.start(config, new VertxOptions()));
  }

  /**
   * {@code size} members forming one new cluster whose {@code models} map has no Near Cache, each
   * with the registry's store over it: every read goes to the key's owner, as on a Near Cache miss.
   */
  public static List<GridMember> clusterWithoutNearCache(int size, int maxModels) {
    return start(configs(size, maxModels), BenchNodes::memberWithoutNearCache);
  }

  private static Future<GridMember> memberWithoutNearCache(RegistryConfig config) {
    Config hazelcast = GridConfig.build(config);
    hazelcast.getMapConfig(GridModelRegistry.MAP_NAME).setNearCacheConfig(null);
    HazelcastClusterManager clusterManager = new HazelcastClusterManager(hazelcast);
    VertxOptions options = new VertxOptions()
        .setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setPort(0));
    return Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered()
        .map(vertx -> new GridMember(vertx, clusterManager.getHazelcastInstance(),
            GridModelRegistry.create(vertx, clusterManager.getHazelcastInstance(), config.node().maxModels(),
                config.node().requestTimeout())));
  }

  private static List<RegistryConfig> configs(int size, int maxModels) {
    String name = "bench-" + UUID.randomUUID();
    // every port of the cluster at once: ports drawn one by one may repeat (each socket is closed before
    // the next is drawn), and a node whose HTTP port equals a cluster port fails with a BindException
    List<Integer> ports = freePorts(2 * size);
    List<Integer> clusterPorts = ports.subList(0, size);
    Iterator<Integer> httpPorts = ports.subList(size, 2 * size).iterator();
    String members = clusterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    List<RegistryConfig> configs = new ArrayList<>();
    for (int port : clusterPorts) {
      Map<String, String> env = new HashMap<>(Tokens.SETTINGS);
      env.put("MODEL_REGISTRY_CLUSTER_NAME", name);
      env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(port));
      env.put("MODEL_REGISTRY_CLUSTER_MEMBERS", members);
      env.put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
      env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(httpPorts.next()));
      env.put("MODEL_REGISTRY_EVENTBUS_PORT", "0");
      env.put("MODEL_REGISTRY_MAX_MODELS", String.valueOf(maxModels + maxModels / 10 + 100));
      configs.add(ConfigLoader.load(env, Map.of()));
    }
    return configs;
  }

  private static <T> List<T> start(List<RegistryConfig> configs, Function<RegistryConfig, Future<T>> starter) {
    List<T> started = new ArrayList<>();
    for (RegistryConfig config : configs) {
      started.add(Await.result(starter.apply(config), 120));
    }
    return started;
  }

  /** Stops every node given (nulls are skipped), waiting for each. */
  public static void stop(List<RegistryNode> nodes) {
    if (nodes != null) {
      nodes.forEach(node -> Await.result(node.stop(), 60));
    }
  }

  /** Waits until every partition has its backups, so ownership is settled before measuring. */
  public static void awaitClusterSafe(HazelcastInstance hazelcast) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!hazelcast.getPartitionService().isClusterSafe()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cluster did not become safe within 60 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public static int freePort() {
    return freePorts(1).get(0);
  }

  /** {@code count} distinct free loopback ports, all held open while they are drawn. */
  public static List<Integer> freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        socket.setReuseAddress(true);
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // a socket that fails to close keeps its port; the caller draws from the others
        }
      }
    }
  }
}
