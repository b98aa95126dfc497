package io.sophra.registry.http;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.events.EventAddresses;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.SseStream;
import io.sophra.registry.support.SseStream.Event;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /v1/events: the change feed as Server-Sent Events")
class ChangeFeedApiTest {

  private static final int RETENTION = 40;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Caller WRITER = Caller.system("feed-writer");

  private static RegistryNode node;
  private static Http http;
  private static int port;
  private static String auth;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single(Map.of("MODEL_REGISTRY_FEED_RETENTION", String.valueOf(RETENTION),
        "MODEL_REGISTRY_FEED_HEARTBEAT", "200ms", "MODEL_REGISTRY_FEED_MAX_BACKLOG", "4096"));
    http = TestNodes.http(node);
    port = node.config().http().port();
    auth = "Bearer " + TestTokens.admin();
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("Without after, the stream starts at the current end: id is the sequence, event the type, data the event-bus payload; the audit entry names the same id, uid and revision")
  void fromTheEnd() {
    String before = register("before");
    patch(before, 0);
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = node.vertx().eventBus().consumer(EventAddresses.MODELS_CHANGED,
        message -> published.add(message.body()));
    await(consumer.completion());
    try (SseStream stream = open("/v1/events")) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
      assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
      String id = register("fresh");
      Event registered = stream.next(WAIT);
      assertThat(registered).as("the first event is the change made after connecting, not " + before).isNotNull();
      assertThat(registered.name()).isEqualTo("registered");
      assertThat(registered.data().getString("id")).isEqualTo(id);
      assertThat(registered.data().getLong("sequence")).isEqualTo(registered.id());
      await().atMost(WAIT).until(() -> published.stream().anyMatch(event -> id.equals(event.getString("id"))));
      JsonObject onTheBus = published.stream().filter(event -> id.equals(event.getString("id"))).findFirst().get();
      assertThat(onTheBus).as("the stream's data is the event-bus payload").isEqualTo(registered.data());
      JsonObject entry = http.get("/v1/models/" + id + "/history").json().getJsonArray("items").getJsonObject(0);
      assertThat(entry.getString("modelId")).isEqualTo(registered.data().getString("id"));
      assertThat(entry.getString("uid")).isEqualTo(registered.data().getString("uid"));
      assertThat(entry.getLong("revision")).isEqualTo(registered.data().getLong("revision"));
      assertThat(entry.getString("action")).isEqualTo("register");
      assertThat(entry.getValue("sequence")).as("written beside the append, the entry does not know the sequence")
          .isNull();
      assertThat(entry.getString("id")).as("the audit key stays a time and Flake ID").contains("-");
    } finally {
      await(consumer.unregister());
    }
  }

  @Test
  @DisplayName("after=SEQ streams every change after SEQ from the log, then live ones; Last-Event-ID wins over after")
  void resumes() {
    String id = register("resume");
    long start = sequence(patch(id, 0));
    for (int i = 1; i <= 5; i++) {
      patch(id, i);
    }
    try (SseStream stream = open("/v1/events?after=" + start)) {
      List<Event> events = stream.until(event -> event.data().getLong("revision") == 7, WAIT);
      assertThat(events).extracting(Event::id).containsExactly(start + 1, start + 2, start + 3, start + 4, start + 5);
      assertThat(events).extracting(Event::name).containsOnly("updated");
      patch(id, 6);
      Event live = stream.next(WAIT);
      assertThat(live.id()).isEqualTo(start + 6);
      assertThat(live.data().getLong("revision")).isEqualTo(8);
    }
    try (SseStream stream = open("/v1/events?after=0", "Last-Event-ID", String.valueOf(start + 4))) {
      assertThat(stream.next(WAIT).id()).as("Last-Event-ID, not after=0").isEqualTo(start + 5);
    }
  }

  @Test
  @DisplayName("A sequence that fell out of retention, or that the log never reached, is 410 gone with the current sequence; resuming there works")
  void gone() {
    String id = register("gone");
    long current = 0;
    for (int i = 0; i < RETENTION + 5; i++) {
      current = sequence(patch(id, i));
    }
    Reply stale = http.get("/v1/events?after=1");
    assertGone(stale, current);
    assertGone(http.get("/v1/events?after=0"), current);
    assertGone(http.get("/v1/events?after=" + (current + 1000)), current);
    assertGone(http.get("/v1/events?after=" + current, "Last-Event-ID", "2"), current);
    try (SseStream stream = open("/v1/events?after=" + current, "Last-Event-ID", String.valueOf(current - 3))) {
      assertThat(stream.status()).as("a retained Last-Event-ID wins over after").isEqualTo(200);
      assertThat(stream.next(WAIT).id()).isEqualTo(current - 2);
    }
    try (SseStream stream = open("/v1/events?after=" + current)) {
      patch(id, -1);
      assertThat(stream.next(WAIT).id()).isEqualTo(current + 1);
    }
  }

  @Test
  @DisplayName("id= (model ids, alias:<name>) and type= select the changes a stream passes on")
  void filters() {
    long start = sequence(patch(register("f0"), 0));
    String m1 = register("f1");
    String m2 = register("f2");
    patchStatus(m1, "ready");
    String alias = "al-" + UUID.randomUUID().toString().substring(0, 8);
    Reply put = http.send("PUT", "/v1/aliases/" + alias, new JsonObject().put("variants", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("modelId", m1).put("weight", 100))).encode().getBytes(), "Content-Type", "application/json");
    assertThat(put.status()).as(put.toString()).isEqualTo(201);
    assertThat(http.delete("/v1/models/" + m2).status()).isEqualTo(204);
    String end = register("f-end");

    assertThat(names(start, "id=" + m1 + "&id=alias:" + alias + "&id=" + end, end))
        .containsExactly("registered " + m1, "updated " + m1, "alias.created alias:" + alias, "registered " + end);
    assertThat(names(start, "type=registered&type=deleted", end))
        .containsExactly("registered " + m1, "registered " + m2, "deleted " + m2, "registered " + end);
    assertThat(names(start, "type=alias.created&type=registered&id=alias:" + alias + "&id=" + end, end))
        .containsExactly("alias.created alias:" + alias, "registered " + end);
  }

  @Test
  @DisplayName("Malformed after, Last-Event-ID, id and type are 400 naming the parameter, before anything is streamed")
  void badParameters() {
    assertValidation(http.get("/v1/events?after=-1"), "after");
    assertValidation(http.get("/v1/events?after=abc"), "after");
    assertValidation(http.get("/v1/events?after=1&after=2"), "after");
    assertValidation(http.get("/v1/events?after=99999999999999999999"), "after");
    assertValidation(http.get("/v1/events", "Last-Event-ID", "x1"), "Last-Event-ID");
    assertValidation(http.get("/v1/events?id=a..b"), "id");
    assertValidation(http.get("/v1/events?id=alias:"), "id");
    assertValidation(http.get("/v1/events?type=created"), "type");
  }

  @Test
  @DisplayName("401 without a token, 403 without READ_MODEL, before any parameter is read; a reader may watch")
  void refusals() {
    try (SseStream reader = SseStream.open(port, "/v1/events", "Authorization", "Bearer "
        + TestTokens.forRoles("a-reader", "reader"))) {
      assertThat(reader.status()).isEqualTo(200);
    }
    Reply anonymous = new Http(TestNodes.url(node)).get("/v1/events?after=zzz");
    assertThat(anonymous.status()).isEqualTo(401);
    Reply forbidden = new Http(TestNodes.url(node)).get("/v1/events?after=zzz",
        "Authorization", "Bearer " + TestTokens.forRoles("nobody", "no-such-role"));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.problemType()).isEqualTo("forbidden");
  }

  @Test
  @DisplayName("An idle stream sends a heartbeat comment every MODEL_REGISTRY_FEED_HEARTBEAT")
  void heartbeats() throws InterruptedException {
    try (SseStream stream = open("/v1/events")) {
      await().atMost(WAIT).until(() -> stream.comments() >= 4);
      assertThat(stream.ended()).isFalse();
    }
  }

  @Test
  @DisplayName("A client that does not read is cut off once its backlog passes MODEL_REGISTRY_FEED_MAX_BACKLOG and counted; a reading client on the same node gets everything")
  void slowConsumer() {
    Counter backlog = node.meters().find(FeedStreams.CLOSED_METRIC).tag("reason", "backlog").counter();
    double closedBefore = backlog.count();
    String id = register("slow");
    long start = sequence(patch(id, -1));
    int changes = 0;
    try (SseStream stalled = SseStream.openNotReading(port, "/v1/events", 1024, "Authorization", auth);
        SseStream reading = open("/v1/events?after=" + start)) {
      assertThat(stalled.status()).isEqualTo(200);
      Gauge open = node.meters().find(FeedStreams.OPEN_METRIC).gauge();
      await().atMost(WAIT).until(() -> open.value() >= 2);
      // the kernel's socket buffers take a few hundred KB first (thousands of events here): write until the cut,
      // half the retention at a time, each batch read by the reading client before the next: the node's one
      // reader of the log (which both streams share) then never falls the retention behind the writer, which
      // writing flat out on two cores could make it do, closing both streams for a gap instead of a backlog
      List<Event> received = new ArrayList<>();
      while (backlog.count() == closedBefore && changes < 20_000) {
        for (int i = 0; i < RETENTION / 2; i++) {
          patch(id, changes++);
        }
        long batchEnd = start + changes;
        received.addAll(reading.until(event -> event.id() == batchEnd, WAIT));
      }
      await().atMost(WAIT).until(() -> backlog.count() > closedBefore);
      System.out.printf("FEED BACKLOG: a client that does not read was cut off after %d changes (limit 4096 bytes)%n",
          changes);
      assertThat(received).hasSize(changes);
      assertThat(received).extracting(Event::id).doesNotHaveDuplicates().isSorted();
      assertThat(reading.ended()).isFalse();
      await().atMost(WAIT).until(() -> open.value() == 1);
    }
  }

  private static void assertGone(Reply reply, long current) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(410);
    assertThat(reply.header("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
    assertThat(reply.problemType()).isEqualTo("gone");
    assertThat(reply.json().getLong("currentSequence")).isGreaterThanOrEqualTo(current);
  }

  private static void assertValidation(Reply reply, String pointer) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo(pointer);
  }

  /** "name subject" of each event after {@code after} that passes {@code filter}, up to the registration of {@code end}. */
  private static List<String> names(long after, String filter, String end) {
    try (SseStream stream = open("/v1/events?after=" + after + "&" + filter)) {
      assertThat(stream.status()).isEqualTo(200);
      return stream.until(event -> end.equals(event.data().getString("id")), WAIT).stream()
          .map(event -> event.name() + " " + (event.data().containsKey("name") ? "alias:" + event.data().getString("name")
              : event.data().getString("id")))
          .toList();
    }
  }

  private static SseStream open(String path, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Authorization";
    all[1] = auth;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return SseStream.open(port, path, all);
  }

  private static String register(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    await(node.registry().registerModel(WRITER, ModelDraft.of(id, "base", "1", Map.of(), Map.of(),
        ModelStatus.INITIALIZING)));
    return id;
  }

  private static Change patch(String id, int n) {
    return await(node.registry().updateModel(WRITER, new ModelId(id), new JsonObject().put("metadata",
        new JsonObject().put("n", n)), Optional.empty()));
  }

  private static long sequence(Change change) {
    return change.sequence().orElseThrow();
  }

  private static void patchStatus(String id, String status) {
    await(node.registry().updateModel(WRITER, new ModelId(id), new JsonObject().put("status", status), Optional.empty()));
  }
}
