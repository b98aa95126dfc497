package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The grid-backed registry, called in-process through ModelRegistry")
class GridModelRegistryTest {

  private static final Caller CALLER = Caller.system("test");
  private static RegistryNode node;
  private static ModelRegistry registry;

  @BeforeAll
  static void start() {
    node = TestNodes.single();
    registry = node.registry();
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static ModelDraft draft(String id) {
    return ModelDraft.of(id, "base", "1.0.0", Map.of("k", 1), Map.of(), ModelStatus.INITIALIZING);
  }

  @Test
  @DisplayName("A lone member answers repeated reads from its Near Cache with the same immutable object")
  void nearCacheOnLocalEntries() throws Exception {
    await(registry.registerModel(CALLER, draft("near-1")));
    IMap<String, ModelConfig> map = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
    // The registration's own invalidation reaches the Near Cache asynchronously and may evict the
    // first cached copy; after that, consecutive reads are hits returning the same object. A hit is
    // answered without the map (LocalNearCache.peek), so no miss is counted; a read the map answers
    // counts one.
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      ModelConfig first = await(registry.getModel(CALLER, new ModelId("near-1")));
      long misses = map.getLocalMapStats().getNearCacheStats().getMisses();
      ModelConfig second = await(registry.getModel(CALLER, new ModelId("near-1")));
      assertThat(map.getLocalMapStats().getNearCacheStats().getMisses()).isEqualTo(misses);
      assertThat(second).isSameAs(first);
    });
  }

  @Test
  @DisplayName("A Near Cache hit read from a plain thread still calls back on a Vert.x context, as a grid read does")
  void nearCacheHitCallsBackOnAContext() throws Exception {
    await(registry.registerModel(CALLER, draft("near-3")));
    IMap<String, ModelConfig> map = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      await(registry.getModel(CALLER, new ModelId("near-3")));
      long misses = map.getLocalMapStats().getNearCacheStats().getMisses();
      CompletableFuture<Context> calledBackOn = new CompletableFuture<>();
      registry.getModel(CALLER, new ModelId("near-3")).onComplete(read -> calledBackOn.complete(Vertx.currentContext()));
      assertThat(calledBackOn.get(10, TimeUnit.SECONDS)).isNotNull();
      assertThat(map.getLocalMapStats().getNearCacheStats().getMisses()).isEqualTo(misses);
    });
  }

  @Test
  @DisplayName("A caller without the read permission is refused a model its Near Cache holds")
  void readRefusedWithoutPermission() throws Exception {
    await(registry.registerModel(CALLER, draft("near-4")));
    await(registry.getModel(CALLER, new ModelId("near-4")));
    Caller nobody = new Caller("nobody", Set.of(), Set.of());
    assertThatThrownBy(() -> await(registry.getModel(nobody, new ModelId("near-4"))))
        .isInstanceOf(RegistryException.Forbidden.class);
  }

  @Test
  @DisplayName("After an update the writing node's Near Cache holds the new revision: the next read sees it")
  void nearCacheInvalidated() throws Exception {
    await(registry.registerModel(CALLER, draft("near-2")));
    await(registry.getModel(CALLER, new ModelId("near-2")));
    Change change = await(registry.updateModel(CALLER, new ModelId("near-2"), new JsonObject().put("status", "ready"), Optional.empty()));
    assertThat(change.before().revision()).isEqualTo(1);
    assertThat(change.after().revision()).isEqualTo(2);
    assertThat(await(registry.getModel(CALLER, new ModelId("near-2"))).status()).isEqualTo(ModelStatus.READY);
  }

  @Test
  @DisplayName("Mutations return the Change with before and after; failures are typed")
  void changesAndFailures() throws Exception {
    Change registered = await(registry.registerModel(CALLER, draft("chg")));
    assertThat(registered.type()).isEqualTo(Change.Type.REGISTERED);
    assertThat(registered.before()).isNull();
    assertThatThrownBy(() -> await(registry.registerModel(CALLER, draft("chg"))))
        .isInstanceOf(RegistryException.AlreadyExists.class);
    assertThatThrownBy(() -> await(registry.updateModel(CALLER, new ModelId("chg"), new JsonObject(), Optional.of("\"x.1\""))))
        .isInstanceOf(RegistryException.RevisionMismatch.class);
    assertThatThrownBy(() -> new ModelId("../etc")).isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> await(registry.deleteModel(CALLER, new ModelId("never"), Optional.empty())))
        .isInstanceOf(RegistryException.NotFound.class);
    Change deleted = await(registry.deleteModel(CALLER, new ModelId("chg"), Optional.of(registered.after().etag())));
    assertThat(deleted.before()).isEqualTo(registered.after());
    assertThat(deleted.after()).isNull();
  }

  @Test
  @DisplayName("Stored values are Compact records (never Java serialization) that queries filter by field")
  void compactStorage() throws Exception {
    ModelConfig stored = await(registry.registerModel(CALLER, draft("compact-1"))).after();
    var serialization = ((com.hazelcast.spi.impl.SerializationServiceSupport) node.hazelcast()).getSerializationService();
    int type = serialization.toData(stored).getType();
    assertThat(type).isIn(com.hazelcast.internal.serialization.impl.SerializationConstants.TYPE_COMPACT,
        com.hazelcast.internal.serialization.impl.SerializationConstants.TYPE_COMPACT_WITH_SCHEMA);
    List<ModelConfig> values = List.copyOf(node.hazelcast().<String, ModelConfig>getMap(GridModelRegistry.MAP_NAME)
        .values(com.hazelcast.query.Predicates.equal("baseModel", "base")));
    assertThat(values).extracting(ModelConfig::id).contains("compact-1");
  }
}
