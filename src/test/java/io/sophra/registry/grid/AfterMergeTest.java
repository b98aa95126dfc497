package io.sophra.registry.grid;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.instance.impl.LifecycleServiceImpl;
import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.TestNodes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * After a merge, a model the larger side deleted but the smaller side put back (what
 * {@link RevisionMergePolicy} does with a model only the merging side holds) is removed again, and
 * the slot count is recomputed. The put-back is planted directly in the map, as the merge would.
 */
@DisplayName("Repair after a merge")
class AfterMergeTest {

  private static final Caller CALLER = Caller.system("after-merge-test");

  private RegistryNode node;
  private ModelRegistry registry;
  private IMap<String, ModelConfig> models;
  private IMap<String, Long> slots;

  @BeforeEach
  void start() {
    node = TestNodes.single();
    registry = node.registry();
    models = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
    slots = node.hazelcast().getMap(ModelSlots.MAP_NAME);
  }

  @AfterEach
  void stop() {
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("Removes a put-back model whose incarnation was deleted, keeps one registered again, recounts the slots")
  void removesDeletedIncarnations() {
    ModelConfig deleted = register("am-deleted");
    await(registry.deleteModel(CALLER, new ModelId("am-deleted"), Optional.empty()));
    ModelConfig replaced = register("am-again");
    await(registry.deleteModel(CALLER, new ModelId("am-again"), Optional.empty()));
    ModelConfig again = register("am-again");
    register("am-untouched");
    models.set("am-deleted", deleted);
    slots.set("models", 42L);

    int removed = await(GridModelRegistry.create(node.vertx(), node.hazelcast(), 100, Duration.ofSeconds(2))
        .repairAfterMerge());

    assertThat(removed).isEqualTo(1);
    assertThat(Futures.failureOf(registry.getModel(CALLER, new ModelId("am-deleted"))))
        .isInstanceOf(RegistryException.NotFound.class);
    assertThat(await(registry.getModel(CALLER, new ModelId("am-again"))).uid()).isEqualTo(again.uid())
        .isNotEqualTo(replaced.uid());
    assertThat(models.containsKey("am-untouched")).isTrue();
    assertThat(slots.get("models")).isEqualTo(2L);
  }

  @Test
  @DisplayName("Runs by itself when the member reports MERGED")
  void runsOnMerged() {
    ModelConfig deleted = register("am-merged");
    await(registry.deleteModel(CALLER, new ModelId("am-merged"), Optional.empty()));
    models.set("am-merged", deleted);

    ((LifecycleServiceImpl) node.hazelcast().getLifecycleService()).fireLifecycleEvent(LifecycleState.MERGED);

    await().atMost(Duration.ofSeconds(10)).until(() -> !models.containsKey("am-merged"));
    await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(0).equals(slots.get("models")));
  }

  private ModelConfig register(String id) {
    return await(registry.registerModel(CALLER, ModelDraft.of(id, "base", "1", Map.of(), Map.of(),
        ModelStatus.INITIALIZING))).after();
  }
}
