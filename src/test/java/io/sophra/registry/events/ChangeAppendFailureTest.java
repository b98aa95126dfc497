package io.sophra.registry.events;

import static io.sophra.registry.support.Futures.await;
import static io.sophra.registry.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.grid.GridAuditLog;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditQuery;
import io.sophra.registry.security.AuditTrail;
import io.sophra.registry.security.Refusals;
import io.sophra.registry.security.SecuredRegistry;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store accepted a change and the change log did not: the decorators over a real node's grid,
 * with a change log that refuses every append (the one part replaced, to make the failure happen).
 */
@DisplayName("A change the store made but the change log did not take")
class ChangeAppendFailureTest {

  private static final Caller WRITER = Caller.system("append-failure-test");
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  private static RegistryNode node;
  private static ModelRegistry registry;

  /** A log whose member is gone: every append fails as the grid's calls do then. */
  private static final ChangeLog REFUSING = new ChangeLog() {
    @Override
    public Future<Long> append(ChangeRecord record) {
      return Future.failedFuture(new RegistryException.Unavailable("the grid could not complete the operation", null));
    }

    @Override
    public Future<List<FeedEvent>> readAfter(long after, int max) {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<List<FeedEvent>> awaitAfter(long after, int max) {
      return Future.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public Future<Long> lastSequence() {
      return Future.succeededFuture(0L);
    }
  };

  @BeforeAll
  static void start() {
    node = TestNodes.single();
    GridModelRegistry store = GridModelRegistry.create(node.vertx(), node.hazelcast(), 100, DEADLINE);
    GridAuditLog audit = GridAuditLog.create(node.vertx(), node.hazelcast(), node.config().audit(), DEADLINE);
    AuditTrail trail = AuditTrail.of(audit);
    registry = SecuredRegistry.create(EventPublishingRegistry.create(store, node.vertx().eventBus(), REFUSING,
        trail.modelChanges(), trail.imports()), new Refusals(new SimpleMeterRegistry(), 100));
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("answers Unavailable saying the change is stored; the change stands, is audited, and no event is published")
  void storedAuditedUnpublished() throws InterruptedException {
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = node.vertx().eventBus().consumer(EventAddresses.MODELS_CHANGED,
        message -> published.add(message.body()));
    await(consumer.completion());
    try {
      Throwable failure = failureOf(registry.registerModel(WRITER, ModelDraft.of("unlogged", "base", "1", Map.of(),
          Map.of(), ModelStatus.INITIALIZING)));
      assertThat(failure).isInstanceOf(RegistryException.Unavailable.class).hasMessageContaining("the change is stored");
      Throwable update = failureOf(registry.updateModel(WRITER, new ModelId("unlogged"), new JsonObject()
          .put("status", "training"), Optional.empty()));
      assertThat(update).isInstanceOf(RegistryException.Unavailable.class);

      assertThat(await(node.registry().getModel(WRITER, new ModelId("unlogged"))).revision()).isEqualTo(2);
      List<AuditEntry> history = await(node.audit().history(WRITER, new ModelId("unlogged"),
          AuditQuery.history(new ModelId("unlogged"), 10))).items();
      assertThat(history).extracting(AuditEntry::revision).containsExactly(2L, 1L);
      assertThat(history).allSatisfy(entry -> assertThat(entry.sequence()).isEmpty());
      Thread.sleep(300);
      assertThat(published).isEmpty();
    } finally {
      await(consumer.unregister());
    }
  }
}
