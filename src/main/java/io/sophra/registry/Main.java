package io.sophra.registry;

import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.keys.TokenCommand;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one registry node and keeps it running until SIGTERM, which drains and leaves the cluster
 * cleanly (the JVM then exits with status 143, as after any SIGTERM). A bad configuration or a
 * failed start prints one line and exits with status 1. Two commands start no node:
 * {@code token ...} mints a token ({@link TokenCommand}); {@code subscribe} runs a
 * {@link SubscriberNode}, a lite member that prints model events.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("token")) {
      mintToken(List.of(args).subList(1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("subscribe")) {
      SubscriberNode.run();
      return;
    }
    RegistryNode node;
    try {
      RegistryConfig config = ConfigLoader.fromProcess();
      node = RegistryNode.start(config, new VertxOptions()).toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.MINUTES);
    } catch (ConfigException e) {
      fail("configuration error: " + e.getMessage());
      return;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      fail("start-up failed: " + (cause instanceof ConfigException ? "configuration error: " : "")
          + cause.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node), "registry-shutdown"));
    RegistryConfig config = node.config();
    log().info("Model Registry ready on http://{}:{} (cluster '{}', members: {})", config.httpHost(),
        config.httpPort(), config.clusterName(), node.hazelcast().getCluster().getMembers().stream()
            .map(member -> member.getAddress().toString()).collect(Collectors.joining(", ")));
  }

  private static void mintToken(List<String> args) {
    try {
      System.exit(TokenCommand.run(args, ConfigLoader.fromProcess(), System.out, System.err));
    } catch (ConfigException e) {
      fail("configuration error: " + e.getMessage());
    }
  }

  private static void stop(RegistryNode node) {
    log().info("Shutting down: leaving the cluster");
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log().warn("Shutdown did not finish cleanly: {}", e.toString());
    }
  }

  /** Not a static field: {@code subscribe} points logging at standard error before the first logger exists. */
  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }

  private static void fail(String message) {
    System.err.println("model-registry: " + message);
    System.exit(1);
  }
}
