package io.sophra.registry.support;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Starts real registry nodes in this JVM: real Hazelcast members on loopback, a unique cluster name
 * per cluster, free ports, real HTTP servers. Every node's Vert.x is watched for blocked event loops.
 */
public final class TestNodes {

  /**
   * A setting's value that removes the variable instead (a variable set but empty is a setting of its
   * own: for a key, a start-up error), e.g. to run without the test secret every node gets.
   */
  public static final String UNSET = "<unset>";

  private TestNodes() {
  }

  /** One node alone in a new cluster, with these extra settings (variable name → value). */
  public static RegistryNode single(Map<String, String> settings) {
    return cluster(1, settings).get(0);
  }

  public static RegistryNode single() {
    return single(Map.of());
  }

  /** {@code size} nodes forming one new cluster, started one after the other. */
  public static List<RegistryNode> cluster(int size, Map<String, String> settings) {
    return cluster(size, settings, index -> Map.of());
  }

  /**
   * {@code size} nodes forming one new cluster, with settings shared by all and settings of the node
   * at each index (e.g. its own fixed event-bus port) over them.
   */
  public static List<RegistryNode> cluster(int size, Map<String, String> settings,
      IntFunction<Map<String, String>> perNode) {
    String name = "test-" + UUID.randomUUID();
    List<Integer> clusterPorts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      clusterPorts.add(Ports.free());
    }
    String members = clusterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    List<RegistryNode> nodes = new ArrayList<>();
    for (int index = 0; index < size; index++) {
      int port = clusterPorts.get(index);
      Map<String, String> env = new HashMap<>();
      env.put("MODEL_REGISTRY_CLUSTER_NAME", name);
      env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(port));
      env.put("MODEL_REGISTRY_CLUSTER_MEMBERS", members);
      env.put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
      env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(Ports.free()));
      env.put("MODEL_REGISTRY_HTTP_INSTANCES", "2");
      env.put("MODEL_REGISTRY_EVENTBUS_PORT", "0");
      env.put("MODEL_REGISTRY_DRAIN_DELAY", "0");
      env.putAll(TestTokens.SETTINGS);
      env.putAll(settings);
      env.putAll(perNode.apply(index));
      env.values().removeIf(UNSET::equals);
      nodes.add(start(ConfigLoader.load(env, Map.of())));
    }
    return nodes;
  }

  /**
   * The configuration of each of {@code size} nodes of one new cluster, started by the caller (for
   * example all at once, as a cluster with split-brain protection needs a majority before any is ready).
   */
  public static List<RegistryConfig> configs(int size, Map<String, String> settings) {
    String name = "test-" + UUID.randomUUID();
    List<Integer> clusterPorts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      clusterPorts.add(Ports.free());
    }
    String members = clusterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    List<RegistryConfig> configs = new ArrayList<>();
    for (int port : clusterPorts) {
      Map<String, String> env = new HashMap<>();
      env.put("MODEL_REGISTRY_CLUSTER_NAME", name);
      env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(port));
      env.put("MODEL_REGISTRY_CLUSTER_MEMBERS", members);
      env.put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
      env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(Ports.free()));
      env.put("MODEL_REGISTRY_HTTP_INSTANCES", "2");
      env.put("MODEL_REGISTRY_EVENTBUS_PORT", "0");
      env.put("MODEL_REGISTRY_DRAIN_DELAY", "0");
      env.putAll(TestTokens.SETTINGS);
      env.putAll(settings);
      configs.add(ConfigLoader.load(env, Map.of()));
    }
    return configs;
  }

  /** {@code size} nodes of one new cluster, all started at once; answers them once every one is ready. */
  public static List<RegistryNode> together(int size, Map<String, String> settings) {
    return together(configs(size, settings));
  }

  /** Nodes of these configurations, all started at once; answers them once every one is ready. */
  public static List<RegistryNode> together(List<RegistryConfig> configs) {
    List<Future<RegistryNode>> starting = configs.stream()
        .map(config -> RegistryNode.start(config, BlockedThreadGuard.options())).toList();
    List<RegistryNode> nodes = new ArrayList<>();
    for (Future<RegistryNode> node : starting) {
      nodes.add(Futures.await(node));
      BlockedThreadGuard.watch(nodes.get(nodes.size() - 1).vertx());
    }
    return nodes;
  }

  public static RegistryNode start(RegistryConfig config) {
    try {
      RegistryNode node = RegistryNode.start(config, BlockedThreadGuard.options())
          .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      BlockedThreadGuard.watch(node.vertx());
      return node;
    } catch (Exception e) {
      throw new IllegalStateException("node did not start", e);
    }
  }

  public static void stop(RegistryNode... nodes) {
    for (RegistryNode node : nodes) {
      if (node != null) {
        try {
          node.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
          throw new IllegalStateException("node did not stop", e);
        }
      }
    }
  }

  public static void stop(List<RegistryNode> nodes) {
    stop(nodes.toArray(RegistryNode[]::new));
  }

  /** An HTTP client of a node's API that sends an admin token (every permission) on each request. */
  public static Http http(RegistryNode node) {
    return new Http(url(node)).withHeader("Authorization", "Bearer " + TestTokens.admin());
  }

  /** The base URL of a node's HTTP API. */
  public static String url(RegistryNode node) {
    return "http://127.0.0.1:" + node.config().http().port();
  }
}
