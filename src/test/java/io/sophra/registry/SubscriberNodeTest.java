package io.sophra.registry;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.cluster.Member;
import com.hazelcast.partition.Partition;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.events.EventAddresses;
import io.sophra.registry.events.ModelEvent;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.support.BlockedThreadGuard;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Ports;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A subscriber that joins as a Hazelcast lite member")
class SubscriberNodeTest {

  private static List<RegistryNode> nodes;
  private static SubscriberNode subscriber;
  private static final List<ModelEvent> events = new CopyOnWriteArrayList<>();
  private static final List<Object> rawBodies = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    nodes = TestNodes.cluster(2, Map.of());
    RegistryConfig registry = nodes.get(0).config();
    RegistryConfig config = ConfigLoader.load(Map.of(
        "MODEL_REGISTRY_CLUSTER_NAME", registry.cluster().name(),
        "MODEL_REGISTRY_CLUSTER_MEMBERS", String.join(",", registry.cluster().members()),
        "MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(Ports.free()),
        "MODEL_REGISTRY_EVENTBUS_PORT", "0"), Map.of());
    subscriber = await(SubscriberNode.start(config, BlockedThreadGuard.options(), events::add, gap -> { }));
    BlockedThreadGuard.watch(subscriber.vertx());
    await(subscriber.vertx().eventBus().consumer(EventAddresses.MODELS_CHANGED,
        message -> rawBodies.add(message.body())).completion());
  }

  @AfterAll
  static void stop() {
    if (subscriber != null) {
      await(subscriber.stop());
    }
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("Receives the events of writes made through a registry node, as plain JSON, and owns no partition and no model")
  void receivesEventsAndHoldsNothing() {
    Http a = TestNodes.http(nodes.get(0));
    for (int i = 0; i < 20; i++) {
      assertThat(a.post("/v1/models", "{\"id\":\"lite-" + i + "\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
          .isEqualTo(201);
    }
    assertThat(a.patch("/v1/models/lite-0", "{\"status\":\"ready\"}").status()).isEqualTo(200);
    assertThat(a.delete("/v1/models/lite-1").status()).isEqualTo(204);

    await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 22);
    assertThat(events).filteredOn(event -> event.id().equals("lite-0")).extracting(ModelEvent::type)
        .containsExactly(ModelEvent.Type.REGISTERED, ModelEvent.Type.UPDATED);
    assertThat(events).filteredOn(event -> event.id().equals("lite-1")).extracting(ModelEvent::type)
        .containsExactly(ModelEvent.Type.REGISTERED, ModelEvent.Type.DELETED);
    assertThat(rawBodies).hasSize(events.size()).allSatisfy(body -> assertThat(body).isInstanceOf(JsonObject.class));

    Member self = subscriber.hazelcast().getCluster().getLocalMember();
    assertThat(self.isLiteMember()).isTrue();
    assertThat(nodes.get(0).hazelcast().getCluster().getMembers()).hasSize(3).filteredOn(Member::isLiteMember)
        .containsExactly(self);
    assertThat(subscriber.hazelcast().getPartitionService().getPartitions()).hasSize(271)
        .extracting(Partition::getOwner).doesNotContain(self).doesNotContainNull();
    assertThat(subscriber.hazelcast().getMap(GridModelRegistry.MAP_NAME).getLocalMapStats().getOwnedEntryCount()).isZero();
  }
}
