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
 * A writer's answer does not wait for its change's event: on a real node, the event bus's outbound
 * interceptor (which runs inside {@code publish}) has not seen the event when the caller's callback
 * runs, and sees it, with the answer's sequence, right after.
 */
@DisplayName("A change's event is published right after its answer")
class EventAfterAnswerTest {

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
  @DisplayName("registration, update and deletion: none published when the caller hears, each published after")
  void publishedAfterTheAnswer() {
    ModelId id = new ModelId("answered-first");
    answeredBeforePublished(registry -> registry.registerModel(WRITER,
        ModelDraft.of(id.value(), "base", "1", Map.of(), Map.of(), ModelStatus.INITIALIZING)));
    answeredBeforePublished(registry -> registry.updateModel(WRITER, id, new JsonObject().put("status", "training"),
        Optional.empty()));
    answeredBeforePublished(registry -> registry.deleteModel(WRITER, id, Optional.empty()));
  }

  private static void answeredBeforePublished(Function<ModelRegistry, Future<Change>> write) {
    int before = published.size();
    Promise<Integer> seenAtAnswer = Promise.promise();
    Promise<Change> answered = Promise.promise();
    node.vertx().getOrCreateContext().runOnContext(ignored -> write.apply(node.registry()).onComplete(result -> {
      seenAtAnswer.complete(published.size() - before);
      answered.handle(result);
    }));
    Change change = await(answered.future());
    assertThat(await(seenAtAnswer.future())).as("events published when the caller heard of its change").isZero();
    Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> published.size() == before + 1);
    JsonObject event = published.get(before);
    assertThat(event.getString("id")).isEqualTo(change.latest().id());
    assertThat(event.getLong("sequence")).isEqualTo(change.sequence().getAsLong());
  }
}
