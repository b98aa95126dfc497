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
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A process that only listens to model changes: it joins the registry's cluster as a Hazelcast
 * <em>lite member</em> (it owns no partition, so no model and no entry processing ever lands on it,
 * and its coming and going migrates nothing), subscribes with a {@link ModelEventSubscriber}, and
 * hands each change to a callback, exactly once and in sequence order, from now or after a stored
 * sequence. {@code java -jar model-registry.jar subscribe [--after SEQ]} runs one that prints every
 * model event as a JSON line (with its {@code sequence}, to resume after), configured by the same
 * settings as a node (cluster name and members, its own cluster and event-bus ports).
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

  /** Joins as a lite member and subscribes from now on; gaps (changes never logged) go to {@code onGap}. */
  public static Future<SubscriberNode> start(RegistryConfig config, VertxOptions options,
      Consumer<ModelEvent> onEvent, Consumer<ModelEventSubscriber.Gap> onGap) {
    return startWith(config, options, vertx -> ModelEventSubscriber.builder(vertx).onGap(onGap), onEvent);
  }

  /**
   * Joins as a lite member and subscribes as {@code subscription} says (for example
   * {@code .after(stored)} to resume); each change goes to {@code onEvent}.
   */
  public static Future<SubscriberNode> startWith(RegistryConfig config, VertxOptions options,
      Function<Vertx, ModelEventSubscriber.Builder> subscription, Consumer<ModelEvent> onEvent) {
    HazelcastClusterManager clusterManager;
    try {
      clusterManager = new HazelcastClusterManager(GridConfig.buildLiteMember(config));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    Future<Vertx> built = Vertx.builder().with(options.setEventBusOptions(RegistryNode.eventBusOptions(config))).withClusterManager(clusterManager)
        .buildClustered();
    return NodeLifecycle.wiredOrClosed(built, vertx -> subscription.apply(vertx).subscribe(onEvent)
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

  /**
   * The {@code subscribe [--after SEQ]} command: model events on standard output, one JSON object a
   * line; gaps and lost ranges on standard error.
   */
  static void run(List<String> args) {
    OptionalLong after = after(args);
    System.setProperty(LOG_TARGET_PROPERTY, "System.err");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Function<Vertx, ModelEventSubscriber.Builder> subscription = vertx -> {
      ModelEventSubscriber.Builder builder = ModelEventSubscriber.builder(vertx)
          .onGap(gap -> System.err.printf("gap: missed %d event(s) of '%s' (uid %s) before revision %d%n",
              gap.missed(), gap.id(), gap.uid(), gap.receivedRevision()))
          .onLost(lost -> System.err.printf("lost: the changes after sequence %d are no longer retained;"
              + " re-read the models; resuming after %d%n", lost.after(), lost.current()));
      after.ifPresent(builder::after);
      return builder;
    };
    CommandRunner.runUntilStopped(NAME, () -> startWith(ConfigLoader.fromProcess(), new VertxOptions(), subscription,
            event -> out.println(event.toJson().encode())),
        node -> System.err.println(NAME + ": listening to models.changed as a lite member of cluster '"
            + node.hazelcast.getConfig().getClusterName() + "'"
            + (after.isPresent() ? ", after sequence " + after.getAsLong() : ", from now on")),
        SubscriberNode::stop);
  }

  private static OptionalLong after(List<String> args) {
    if (args.isEmpty()) {
      return OptionalLong.empty();
    }
    if (args.size() == 2 && args.get(0).equals("--after") && args.get(1).matches("\\d{1,18}")) {
      return OptionalLong.of(Long.parseLong(args.get(1)));
    }
    CommandRunner.fail(NAME, "usage: subscribe [--after SEQUENCE] (a whole number, 0 for every retained change)");
    return OptionalLong.empty();
  }
}
