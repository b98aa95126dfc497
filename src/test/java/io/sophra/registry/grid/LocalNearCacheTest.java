package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.support.TestNodes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins the Hazelcast internal that {@link LocalNearCache} relies on. Should an upgrade change the
 * proxy type of a map with a Near Cache, {@code LocalNearCache.of} would quietly find no Near Cache:
 * the writer's staleness fix and the direct reads would be gone with no other test noticing. These
 * fail instead.
 */
@DisplayName("LocalNearCache reaches the models map's Near Cache through Hazelcast's internal proxy type")
class LocalNearCacheTest {

  private static final Caller CALLER = Caller.system("test");
  private static RegistryNode node;

  @BeforeAll
  static void start() {
    node = TestNodes.single();
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("The models map is a NearCachedMapProxyImpl (Hazelcast internal, pinned at this version)")
  void modelsMapHasTheInternalProxyType() {
    Object models = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
    assertThat(models).isInstanceOf(NearCachedMapProxyImpl.class);
    assertThat(((NearCachedMapProxyImpl<?, ?>) models).getNearCache()).isNotNull();
  }

  @Test
  @DisplayName("peek answers a read model from this member's Near Cache: the very object getModel returns")
  void peekSeesWhatAReadCached() throws Exception {
    ModelId id = new ModelId("pinned-near-cache");
    node.registry().registerModel(CALLER, ModelDraft.of(id.value(), "base", "1", Map.of("k", 1), Map.of(),
        ModelStatus.INITIALIZING)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    LocalNearCache nearCache = LocalNearCache.of(node.hazelcast().getMap(GridModelRegistry.MAP_NAME));
    assertThat(nearCache.peek("never-registered", ModelConfig.class)).isNull();
    // the registration's own invalidation may still evict the first cached copy: read until it stays
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      ModelConfig read = node.registry().getModel(CALLER, id).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertThat(nearCache.peek(id.value(), ModelConfig.class)).isSameAs(read);
    });
  }
}
