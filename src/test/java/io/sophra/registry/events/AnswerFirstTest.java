package io.sophra.registry.events;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A writer's answer does not wait for its change's event or its audit line: on a real node, the
 * event bus's outbound interceptor (which runs inside {@code publish}) has not seen the event, and
 * the {@code audit} logger has not had the line, when the caller's callback runs; both come right
 * after, the event with the answer's sequence.
 */
@DisplayName("A change's event and audit line come right after its answer")
class AnswerFirstTest {

  private static final Caller WRITER = Caller.system("event-after-answer-test");

  private static RegistryNode node;
  private static final List<JsonObject> published = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    node = TestNodes.single();
    Handler<DeliveryContext<Object>> interceptor = delivery -> {
      if (EventAddresses.MODELS_CHANGED.equals(delivery.message().address())) {
        published.add((JsonObject) delivery.body());
      }
      delivery.next();
    };
    node.vertx().eventBus().addOutboundInterceptor(interceptor);
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("registration, update and deletion: nothing published or logged when the caller hears, each after")
  void eventAndLineAfterTheAnswer() {
    ModelId id = new ModelId("answered-first");
    try (LogCapture audit = LogCapture.audit()) {
      answeredFirst(audit, registry -> registry.registerModel(WRITER,
          ModelDraft.of(id.value(), "base", "1", Map.of(), Map.of(), ModelStatus.INITIALIZING)));
      answeredFirst(audit, registry -> registry.updateModel(WRITER, id, new JsonObject().put("status", "training"),
          Optional.empty()));
      answeredFirst(audit, registry -> registry.deleteModel(WRITER, id, Optional.empty()));
    }
  }

  private static void answeredFirst(LogCapture audit, Function<ModelRegistry, Future<Change>> write) {
    int eventsBefore = published.size();
    int linesBefore = audit.jsonLines().size();
    Promise<List<Integer>> seenAtAnswer = Promise.promise();
    Promise<Change> answered = Promise.promise();
    node.vertx().getOrCreateContext().runOnContext(ignored -> write.apply(node.registry()).onComplete(result -> {
      seenAtAnswer.complete(List.of(published.size() - eventsBefore, audit.jsonLines().size() - linesBefore));
      answered.handle(result);
    }));
    Change change = await(answered.future());
    assertThat(await(seenAtAnswer.future())).as("events published and lines logged when the caller heard")
        .containsExactly(0, 0);
    Awaitility.await().atMost(5, TimeUnit.SECONDS)
        .until(() -> published.size() == eventsBefore + 1 && audit.jsonLines().size() == linesBefore + 1);
    JsonObject event = published.get(eventsBefore);
    assertThat(event.getString("id")).isEqualTo(change.latest().id());
    assertThat(event.getLong("sequence")).isEqualTo(change.sequence().getAsLong());
    JsonObject line = audit.jsonLines().get(linesBefore);
    assertThat(line.getString("modelId")).isEqualTo(change.latest().id());
    assertThat(line.getLong("revision")).isEqualTo(change.latest().revision());
  }
}
