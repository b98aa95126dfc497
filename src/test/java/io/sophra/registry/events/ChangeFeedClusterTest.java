package io.sophra.registry.events;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.SubscriberNode;
import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.Preconditions;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.support.BlockedThreadGuard;
import io.sophra.registry.support.Ports;
import io.sophra.registry.support.SseStream;
import io.sophra.registry.support.SseStream.Event;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The change feed on a three-member cluster: resuming without gaps or duplicates")
class ChangeFeedClusterTest {

  private static final Caller WRITER = Caller.system("feed-cluster-test");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static List<RegistryNode> nodes;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(3, Map.of());
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("A stream on C cut off while 1,000 changes are made through A and B resumes with Last-Event-ID and gets each exactly once, in order, no gap")
  void sseResumes() throws Exception {
    RegistryNode c = nodes.get(2);
    int port = c.config().http().port();
    String auth = "Bearer " + TestTokens.admin();
    String first = "sse-first-" + UUID.randomUUID();
    long lastSeen;
    try (SseStream stream = SseStream.open(port, "/v1/events", "Authorization", auth)) {
      assertThat(stream.status()).isEqualTo(200);
      await(nodes.get(0).registry().registerModel(WRITER, draft(first)));
      lastSeen = stream.until(event -> first.equals(event.data().getString("id")), WAIT).get(0).id();
    }

    Map<Long, String> written = writeConcurrently(1000, "sse");

    long last = Collections.max(written.keySet());
    try (SseStream resumed = SseStream.open(port, "/v1/events", "Authorization", auth, "Last-Event-ID",
        String.valueOf(lastSeen))) {
      assertThat(resumed.status()).isEqualTo(200);
      List<Event> events = resumed.until(event -> event.id() == last, WAIT);
      assertThat(events).extracting(Event::id).as("every sequence after the last one seen, once, in order")
          .containsExactlyElementsOf(range(lastSeen + 1, last));
      Map<Long, String> streamed = new HashMap<>();
      events.forEach(event -> streamed.put(event.id(), event.data().getString("id") + "@"
          + event.data().getLong("revision")));
      assertThat(streamed).as("each acknowledged write under the sequence its write answered").isEqualTo(written);
      assertRevisionsGrowPerModel(events.stream().map(Event::data).toList());
    }
  }

  @Test
  @DisplayName("A ModelEventSubscriber restarted after its last sequence gets every model change it missed, once, in sequence order, then live ones")
  void subscriberResumes() {
    List<ModelEvent> before = new CopyOnWriteArrayList<>();
    SubscriberNode first = startSubscriber(vertx -> ModelEventSubscriber.builder(vertx), before::add);
    String marker = "sub-marker-" + UUID.randomUUID();
    await(nodes.get(0).registry().registerModel(WRITER, draft(marker)));
    await().atMost(WAIT).until(() -> before.stream().anyMatch(event -> event.id().equals(marker)));
    long stored = first.subscriber().lastSequence();
    await(first.stop());

    Map<Long, String> missed = writeConcurrently(300, "sub");
    List<Long> aliasSequences = aliasChanges(3);

    List<ModelEvent> after = new CopyOnWriteArrayList<>();
    List<ModelEventSubscriber.Lost> lost = new CopyOnWriteArrayList<>();
    SubscriberNode second = startSubscriber(vertx -> ModelEventSubscriber.builder(vertx).after(stored)
        .onLost(lost::add), after::add);
    try {
      String live = "sub-live-" + UUID.randomUUID();
      long liveSequence = await(nodes.get(1).registry().registerModel(WRITER, draft(live))).sequence().orElseThrow();
      await().atMost(WAIT).until(() -> after.stream().anyMatch(event -> event.id().equals(live)));
      List<Long> sequences = after.stream().map(event -> event.sequence().orElseThrow()).toList();
      assertThat(sequences).as("strictly increasing").isSorted().doesNotHaveDuplicates();
      Map<Long, String> delivered = new HashMap<>();
      after.stream().filter(event -> event.sequence().getAsLong() <= Collections.max(missed.keySet()))
          .forEach(event -> delivered.put(event.sequence().getAsLong(), event.id() + "@" + event.revision()));
      assertThat(delivered).as("every model change made while it was away").isEqualTo(missed);
      assertThat(sequences).doesNotContainAnyElementsOf(aliasSequences).contains(liveSequence);
      assertThat(second.subscriber().readFromLog()).isGreaterThanOrEqualTo(300);
      assertThat(second.subscriber().lastSequence()).isEqualTo(liveSequence);
      assertThat(lost).isEmpty();
    } finally {
      await(second.stop());
    }
  }

  @Test
  @DisplayName("Events lost on the event bus are read from the log: the subscriber still passes on every change once, in order")
  void subscriberFillsGaps() {
    List<ModelEvent> received = new CopyOnWriteArrayList<>();
    SubscriberNode subscriber = startSubscriber(vertx -> ModelEventSubscriber.builder(vertx).reorderWindow(50),
        received::add);
    AtomicInteger seen = new AtomicInteger();
    subscriber.vertx().eventBus().addInboundInterceptor(delivery -> {
      if (delivery.message().address().equals(EventAddresses.MODELS_CHANGED) && seen.incrementAndGet() % 7 == 3) {
        return;
      }
      delivery.next();
    });
    try {
      String start = "gap-start-" + UUID.randomUUID();
      long startSequence = await(nodes.get(0).registry().registerModel(WRITER, draft(start))).sequence().orElseThrow();
      Map<Long, String> written = writeConcurrently(200, "gap");
      String end = "gap-end-" + UUID.randomUUID();
      long endSequence = await(nodes.get(1).registry().registerModel(WRITER, draft(end))).sequence().orElseThrow();
      await().atMost(WAIT).until(() -> received.stream().anyMatch(event -> event.id().equals(end)));
      List<ModelEvent> window = received.stream().filter(event -> event.sequence().getAsLong() > startSequence
          && event.sequence().getAsLong() < endSequence).toList();
      Map<Long, String> delivered = new HashMap<>();
      window.forEach(event -> delivered.put(event.sequence().getAsLong(), event.id() + "@" + event.revision()));
      assertThat(window).extracting(event -> event.sequence().getAsLong()).isSorted().doesNotHaveDuplicates();
      assertThat(delivered).isEqualTo(written);
      assertThat(subscriber.subscriber().readFromLog()).as("changes dropped on the bus were read from the log")
          .isGreaterThan(0);
    } finally {
      await(subscriber.stop());
    }
  }

  /** {@code count} model changes from four writers (two on A, two on B), each on models of its own: sequence → "id@revision". */
  private static Map<Long, String> writeConcurrently(int count, String prefix) {
    Map<Long, String> written = new ConcurrentHashMap<>();
    List<Thread> writers = new ArrayList<>();
    int perWriter = count / 4;
    for (int w = 0; w < 4; w++) {
      ModelRegistry registry = nodes.get(w % 2).registry();
      String own = prefix + "-" + w + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
      writers.add(new Thread(() -> {
        for (int i = 0; i < perWriter; i++) {
          Change change = i < 10 ? await(registry.registerModel(WRITER, draft(own + i)))
              : await(registry.updateModel(WRITER, new ModelId(own + (i % 10)),
                  new JsonObject().put("metadata", new JsonObject().put("n", i)), Optional.empty()));
          written.put(change.sequence().orElseThrow(), change.after().id() + "@" + change.after().revision());
        }
      }));
    }
    writers.forEach(Thread::start);
    writers.forEach(thread -> {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(written).hasSize(perWriter * 4);
    return written;
  }

  /** Creates an alias and changes it: sequences of its changes (which a model subscriber skips). */
  private static List<Long> aliasChanges(int count) {
    String model = "alias-target-" + UUID.randomUUID();
    await(nodes.get(0).registry().registerModel(WRITER, ModelDraft.of(model, "base", "1", Map.of(), Map.of(),
        ModelStatus.READY)));
    AliasName name = new AliasName("feed-alias-" + UUID.randomUUID().toString().substring(0, 8));
    List<Long> sequences = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonObject body = new JsonObject().put("variants", new io.vertx.core.json.JsonArray()
          .add(new JsonObject().put("modelId", model).put("weight", 100))).put("description", "change " + i);
      AliasChange change = await(nodes.get(1).aliases().putAlias(WRITER, name,
          io.sophra.registry.alias.AliasJson.readDraft(name, body), Preconditions.none()));
      sequences.add(change.sequence().orElseThrow());
    }
    return sequences;
  }

  private static SubscriberNode startSubscriber(Function<io.vertx.core.Vertx, ModelEventSubscriber.Builder> builder,
      java.util.function.Consumer<ModelEvent> onEvent) {
    RegistryConfig registry = nodes.get(0).config();
    RegistryConfig config = ConfigLoader.load(Map.of(
        "MODEL_REGISTRY_CLUSTER_NAME", registry.cluster().name(),
        "MODEL_REGISTRY_CLUSTER_MEMBERS", String.join(",", registry.cluster().members()),
        "MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(Ports.free()),
        "MODEL_REGISTRY_EVENTBUS_PORT", "0"), Map.of());
    SubscriberNode subscriber = await(SubscriberNode.startWith(config, BlockedThreadGuard.options(), builder, onEvent));
    BlockedThreadGuard.watch(subscriber.vertx());
    return subscriber;
  }

  private static void assertRevisionsGrowPerModel(List<JsonObject> events) {
    Map<String, Long> last = new HashMap<>();
    for (JsonObject event : events) {
      Long previous = last.put(event.getString("id") + "/" + event.getString("uid"), event.getLong("revision"));
      assertThat(previous == null || previous < event.getLong("revision")).as(event.encode()).isTrue();
    }
  }

  private static List<Long> range(long from, long to) {
    List<Long> range = new ArrayList<>();
    for (long sequence = from; sequence <= to; sequence++) {
      range.add(sequence);
    }
    return range;
  }

  private static ModelDraft draft(String id) {
    return ModelDraft.of(id, "base", "1.0.0", Map.of(), Map.of(), ModelStatus.INITIALIZING);
  }
}
