package io.sophra.registry.events;

import static io.sophra.registry.support.Futures.await;
import static io.sophra.registry.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.IllegalTransitionException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Change events on a three-member cluster")
class ModelEventsClusterTest {

  private static final Caller PIPELINE = Caller.system("pipeline-test");

  private static List<RegistryNode> nodes;
  private static ModelRegistry onA;

  private final List<JsonObject> raw = new CopyOnWriteArrayList<>();
  private final List<ModelEvent> delivered = new CopyOnWriteArrayList<>();
  private final List<ModelEventSubscriber.Gap> gaps = new CopyOnWriteArrayList<>();
  private MessageConsumer<JsonObject> rawConsumer;
  private ModelEventSubscriber subscriber;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(3, Map.of());
    onA = nodes.get(0).registry();
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @BeforeEach
  void subscribeOnC() {
    RegistryNode c = nodes.get(2);
    rawConsumer = c.vertx().eventBus().consumer(EventAddresses.MODELS_CHANGED, message -> raw.add(message.body()));
    await(rawConsumer.completion());
    subscriber = await(ModelEventSubscriber.subscribe(c.vertx(), delivered::add, gaps::add));
  }

  @AfterEach
  void unsubscribe() {
    await(subscriber.unsubscribe());
    await(rawConsumer.unregister());
  }

  @Test
  @DisplayName("A subscriber on C hears registered, updated, deleted for writes on A: one event per stored change, none for refusals or no-ops")
  void oneEventPerSuccessfulWrite() {
    ModelConfig registered = await(onA.registerModel(PIPELINE, draft("ev-model"))).after();
    ModelConfig training = await(onA.updateModel(PIPELINE, new ModelId("ev-model"), status("training"), Optional.empty())).after();
    assertThat(failureOf(onA.registerModel(PIPELINE, draft("ev-model")))).isInstanceOf(RegistryException.AlreadyExists.class);
    assertThat(failureOf(onA.updateModel(PIPELINE, new ModelId("ev-model"), status("ready"), Optional.of(registered.etag()))))
        .isInstanceOf(RegistryException.RevisionMismatch.class);
    assertThat(failureOf(onA.updateModel(PIPELINE, new ModelId("ev-model"), status("initializing"), Optional.empty())))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(failureOf(onA.updateModel(PIPELINE, new ModelId("ev-missing"), status("ready"), Optional.empty())))
        .isInstanceOf(RegistryException.NotFound.class);
    await(onA.updateModel(PIPELINE, new ModelId("ev-model"), status("training"), Optional.empty()));
    ModelConfig tagged = await(onA.updateModel(PIPELINE, new ModelId("ev-model"),
        new JsonObject().put("metadata", new JsonObject().put("owner", "ml")), Optional.of(training.etag()))).after();
    await(onA.deleteModel(PIPELINE, new ModelId("ev-model"), Optional.of(tagged.etag())));
    assertThat(failureOf(onA.deleteModel(PIPELINE, new ModelId("ev-model"), Optional.empty())))
        .isInstanceOf(RegistryException.NotFound.class);
    awaitMarkerFromA();

    List<JsonObject> events = raw.stream().filter(event -> event.getString("id").equals("ev-model")).toList();
    assertThat(events).extracting(event -> event.getString("type"))
        .containsExactly("registered", "updated", "updated", "deleted");
    assertThat(events).extracting(event -> event.getLong("revision")).containsExactly(1L, 2L, 3L, 4L);
    assertThat(events).extracting(event -> event.getString("uid")).containsOnly(registered.uid());
    assertThat(events).extracting(event -> event.getString("actor")).containsOnly("pipeline-test");
    assertThat(events.get(1).getString("previousStatus")).isEqualTo("initializing");
    assertThat(events.get(1).getString("status")).isEqualTo("training");
    assertThat(events.get(2).containsKey("previousStatus")).isFalse();
    assertThat(events.get(3).getString("status")).isEqualTo("training");
    assertThat(delivered.stream().filter(event -> event.id().equals("ev-model")).map(ModelEvent::revision))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(gaps).isEmpty();
  }

  @Test
  @DisplayName("HTTP writes on B reach C too, and a refused HTTP write publishes nothing")
  void httpWritesPublish() {
    Http b = TestNodes.http(nodes.get(1));
    String body = """
        {"id":"ev-http","baseModel":"base","version":"1.0.0"}""";
    assertThat(b.post("/v1/models", body).status()).isEqualTo(201);
    assertThat(b.post("/v1/models", body).status()).isEqualTo(409);
    assertThat(b.patch("/v1/models/ev-http", "{\"status\":\"ready\"}", "If-Match", "\"stale.1\"").status()).isEqualTo(412);
    assertThat(b.patch("/v1/models/ev-http", "{\"status\":\"ready\"}").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> raw.stream().filter(e -> e.getString("id").equals("ev-http")).count() >= 2);
    awaitMarkerFromA();

    List<JsonObject> events = raw.stream().filter(event -> event.getString("id").equals("ev-http")).toList();
    assertThat(events).extracting(event -> event.getString("type")).containsExactly("registered", "updated");
    assertThat(events.get(1).getString("previousStatus")).isEqualTo("initializing");
    assertThat(events).allSatisfy(event -> assertThat(event.getString("actor")).isNotBlank());
  }

  @Test
  @DisplayName("300 writes of one model alternating between A and B all reach C; the helper passes each revision on at most once")
  void deliveryFigures() {
    ModelConfig model = await(onA.registerModel(PIPELINE, draft("ev-burst"))).after();
    int writes = 300;
    Map<Long, Long> startedAt = new ConcurrentHashMap<>();
    Map<Long, Long> receivedAt = new ConcurrentHashMap<>();
    MessageConsumer<JsonObject> timing = nodes.get(2).vertx().eventBus().consumer(EventAddresses.MODELS_CHANGED,
        message -> receivedAt.putIfAbsent(message.body().getLong("revision"), System.nanoTime()));
    await(timing.completion());
    for (int i = 0; i < writes; i++) {
      ModelRegistry writer = nodes.get(i % 2).registry();
      startedAt.put(model.revision() + i + 1, System.nanoTime());
      await(writer.updateModel(PIPELINE, new ModelId("ev-burst"), new JsonObject().put("metadata", new JsonObject().put("n", i)),
          Optional.empty()));
    }
    // the registration's own event may come in too (events are published right after the answer)
    await().atMost(Duration.ofSeconds(10)).until(() -> receivedAt.keySet().containsAll(startedAt.keySet()));
    awaitMarkerFromA();
    await(timing.unregister());

    List<JsonObject> events = raw.stream().filter(event -> event.getString("id").equals("ev-burst")).toList();
    assertThat(events).hasSize(writes + 1);
    assertThat(events.stream().map(event -> event.getLong("revision")).distinct().count()).isEqualTo(writes + 1);
    List<Long> passedOn = delivered.stream().filter(event -> event.id().equals("ev-burst")).map(ModelEvent::revision).toList();
    assertThat(passedOn).isSorted().doesNotHaveDuplicates();
    long gapsReported = gaps.stream().filter(gap -> gap.id().equals("ev-burst")).count();
    long missedInGaps = gaps.stream().filter(gap -> gap.id().equals("ev-burst")).mapToLong(ModelEventSubscriber.Gap::missed).sum();
    assertThat(passedOn.size() + missedInGaps).isEqualTo(writes + 1);

    List<Long> latencies = new ArrayList<>();
    startedAt.forEach((revision, start) -> latencies.add((receivedAt.get(revision) - start) / 1000));
    latencies.sort(null);
    System.out.printf("EVENT DELIVERY: %d writes alternating A/B, received on C: %d (lost 0, duplicates 0); helper passed on %d,"
            + " dropped %d as overtaken, reported %d gaps; write-start -> event on C: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        writes, events.size() - 1, passedOn.size() - 1, subscriber.dropped(), gapsReported,
        percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0, latencies.get(latencies.size() - 1) / 1000.0);
  }

  /** Events from A reach C in the order A sent them, so once A's marker arrived, every earlier event of A has. */
  private void awaitMarkerFromA() {
    String marker = "marker-" + System.nanoTime();
    await(onA.registerModel(PIPELINE, draft(marker)));
    await().atMost(Duration.ofSeconds(10)).until(() -> raw.stream().anyMatch(event -> event.getString("id").equals(marker)));
  }

  static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static ModelDraft draft(String id) {
    return ModelDraft.of(id, "base", "1.0.0", Map.of(), Map.of(), ModelStatus.INITIALIZING);
  }

  private static JsonObject status(String status) {
    return new JsonObject().put("status", status);
  }
}
