package io.sophra.registry;

import com.hazelcast.core.HazelcastInstance;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.events.ModelEvent;
import io.sophra.registry.events.ModelEventSubscriber;
import io.sophra.registry.grid.GridConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A process that only listens to model changes: it joins the registry's cluster as a Hazelcast
 * <em>lite member</em> (it owns no partition, so no model and no entry processing ever lands on it,
 * and its coming and going migrates nothing), subscribes to {@code models.changed}, and hands each
 * new event to a callback. {@code java -jar model-registry.jar subscribe} runs one that prints every
 * event as a JSON line, configured by the same settings as a node (cluster name and members, its own
 * cluster and event-bus ports).
 */
public final class SubscriberNode {

  /** conf/logback.xml writes to this target (System.out unless set); events own standard output here. */
  static final String LOG_TARGET_PROPERTY = "model-registry.log.target";
  private static final String NAME = "model-registry subscribe";

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final ModelEventSubscriber subscriber;

  private SubscriberNode(Vertx vertx, HazelcastInstance hazelcast, ModelEventSubscriber subscriber) {
    this.vertx = vertx;
    this.hazelcast = hazelcast;
    this.subscriber = subscriber;
  }

  /** Joins as a lite member and subscribes; gaps (missed events) go to {@code onGap}. */
  public static Future<SubscriberNode> start(RegistryConfig config, VertxOptions options,
      Consumer<ModelEvent> onEvent, Consumer<ModelEventSubscriber.Gap> onGap) {
    HazelcastClusterManager clusterManager;
    try {
      clusterManager = new HazelcastClusterManager(GridConfig.buildLiteMember(config));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    Future<Vertx> built = Vertx.builder().with(options.setEventBusOptions(RegistryNode.eventBusOptions(config))).withClusterManager(clusterManager)
        .buildClustered();
    return NodeLifecycle.wiredOrClosed(built, vertx -> ModelEventSubscriber.subscribe(vertx, onEvent, onGap)
        .map(subscriber -> new SubscriberNode(vertx, clusterManager.getHazelcastInstance(), subscriber)));
  }

  public Future<Void> stop() {
    return vertx.close();
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastInstance hazelcast() {
    return hazelcast;
  }

  public ModelEventSubscriber subscriber() {
    return subscriber;
  }

  /** The {@code subscribe} command: events on standard output, one JSON object a line; gaps on standard error. */
  static void run() {
    System.setProperty(LOG_TARGET_PROPERTY, "System.err");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    CommandRunner.runUntilStopped(NAME, () -> start(ConfigLoader.fromProcess(), new VertxOptions(),
            event -> out.println(event.toJson().encode()),
            gap -> System.err.printf("gap: missed %d event(s) of '%s' (uid %s) before revision %d%n",
                gap.missed(), gap.id(), gap.uid(), gap.receivedRevision())),
        node -> System.err.println(NAME + ": listening to models.changed as a lite member of cluster '"
            + node.hazelcast.getConfig().getClusterName() + "'"),
        SubscriberNode::stop);
  }
}
