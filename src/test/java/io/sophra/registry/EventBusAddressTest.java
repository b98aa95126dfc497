package io.sophra.registry;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.events.EventAddresses;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.support.Ports;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.NodeInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The event bus on configured addresses")
class EventBusAddressTest {

  private static final List<Integer> PORTS = List.of(Ports.free(), Ports.free(), Ports.free());

  private static List<RegistryNode> nodes;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(3, Map.of("MODEL_REGISTRY_EVENTBUS_HOST", "127.0.0.1"), index -> Map.of(
        "MODEL_REGISTRY_EVENTBUS_PORT", String.valueOf(PORTS.get(index)),
        "MODEL_REGISTRY_EVENTBUS_PUBLIC_HOST", "127.0.0.1"));
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("Each node listens on its fixed event-bus port, advertises it to the others, and events cross between them")
  void fixedPortsCarryEvents() throws IOException {
    for (int i = 0; i < nodes.size(); i++) {
      NodeInfo advertised = ((VertxInternal) nodes.get(i).vertx()).clusterManager().getNodeInfo();
      assertThat(advertised.host()).isEqualTo("127.0.0.1");
      assertThat(advertised.port()).isEqualTo(PORTS.get(i));
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", PORTS.get(i)), 2000);
      }
    }
    List<JsonObject> onB = new CopyOnWriteArrayList<>();
    List<JsonObject> onC = new CopyOnWriteArrayList<>();
    await(nodes.get(1).vertx().eventBus().<JsonObject>consumer(EventAddresses.MODELS_CHANGED, m -> onB.add(m.body())).completion());
    await(nodes.get(2).vertx().eventBus().<JsonObject>consumer(EventAddresses.MODELS_CHANGED, m -> onC.add(m.body())).completion());

    await(nodes.get(0).registry().registerModel(Caller.system("t"),
        ModelDraft.of("fixed-port", "b", "1", Map.of(), Map.of(), ModelStatus.READY)));

    await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() == 1 && onC.size() == 1);
    assertThat(onB.get(0).getString("id")).isEqualTo("fixed-port");
    assertThat(onC.get(0)).isEqualTo(onB.get(0));
  }
}
