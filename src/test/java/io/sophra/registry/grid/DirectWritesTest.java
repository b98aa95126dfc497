package io.sophra.registry.grid;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.NearCachedMapProxyImpl;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An update decided from a member's Near Cache copy and stored with a compare-and-set, on two real
 * members. The internal types it needs are the ones Hazelcast hands out (this fails on an upgrade
 * that changes them); the owner stores only over the very value expected, and backs up what it stored;
 * the member that decided keeps the stored revision for its next update; a stale copy is refused and
 * the owner's entry processor decides instead, so neither a blind update nor an If-Match is answered
 * from a stale copy; and updates racing from both members lose none.
 */
@DisplayName("An update decided from the Near Cache and stored with a compare-and-set")
class DirectWritesTest {

  private static final Caller CALLER = Caller.system("test");

  private List<RegistryNode> nodes;

  @BeforeEach
  void start() {
    nodes = TestNodes.cluster(2, Map.of());
  }

  @AfterEach
  void stop() {
    TestNodes.stop(nodes);
  }

  private IMap<String, ModelConfig> models(int node) {
    return nodes.get(node).hazelcast().getMap(GridModelRegistry.MAP_NAME);
  }

  private ModelConfig register(String id) throws Exception {
    return await(nodes.get(0).registry().registerModel(CALLER,
        ModelDraft.of(id, "base", "1", Map.of("k", 1), Map.of(), ModelStatus.INITIALIZING))).after();
  }

  /** Reads {@code id} on {@code node} until its Near Cache keeps the copy (a write's invalidation may evict the first). */
  private ModelConfig cachedOn(int node, String id) {
    LocalNearCache nearCache = LocalNearCache.of(models(node));
    return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      ModelConfig read = await(nodes.get(node).registry().getModel(CALLER, new ModelId(id)));
      return nearCache.peek(id, ModelConfig.class) == read ? read : null;
    }, copy -> copy != null);
  }

  private Change update(int node, String id, JsonObject patch, String ifMatch) throws Exception {
    return await(nodes.get(node).registry().updateModel(CALLER, new ModelId(id), patch, Optional.ofNullable(ifMatch)));
  }

  @Test
  @DisplayName("replace stores only over the value expected, and the backup holds what it stored")
  void replacesOnlyTheExpectedValue() throws Exception {
    assertThat((Object) models(0)).isInstanceOf(com.hazelcast.map.impl.proxy.MapProxyImpl.class);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add("cas-" + i); // spread over partitions, so that both members own some
    }
    DirectWrites<String, ModelConfig> replaces = DirectWrites.of(models(0));
    for (String id : ids) {
      ModelConfig first = register(id);
      ModelConfig second = first.next(ModelDraft.of(id, "base", "2", Map.of("k", 2), Map.of(), ModelStatus.TRAINING),
          first.updatedAt().plusSeconds(1)).encodedOnce();
      ModelConfig stranger = first.next(ModelDraft.of(id, "other", "9", Map.of(), Map.of(), ModelStatus.ERROR),
          first.updatedAt()).encodedOnce();
      assertThat(replaces.replace(id, stranger, second).toCompletableFuture().get(10, TimeUnit.SECONDS)).isFalse();
      assertThat(models(1).get(id).version()).isEqualTo("1");
      assertThat(replaces.replace(id, first, second).toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(replaces.replace(id, first, stranger).toCompletableFuture().get(10, TimeUnit.SECONDS)).isFalse();
    }
    HazelcastInstance survivor = nodes.get(1).hazelcast();
    nodes.get(0).hazelcast().getLifecycleService().terminate();
    IMap<String, ModelConfig> left = survivor.getMap(GridModelRegistry.MAP_NAME);
    for (String id : ids) {
      assertThat(left.get(id).version()).as(id).isEqualTo("2");
      assertThat(left.get(id).revision()).as(id).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("An update on a member whose Near Cache holds the model keeps the stored revision there for the next one")
  void keepsTheStoredRevision() throws Exception {
    assertThat((Object) models(0)).isInstanceOf(NearCachedMapProxyImpl.class);
    register("kept");
    ModelConfig cached = cachedOn(0, "kept");
    LocalNearCache nearCache = LocalNearCache.of(models(0));
    Change first = update(0, "kept", new JsonObject().put("status", "training"), cached.etag());
    assertThat(first.before()).isSameAs(cached);
    assertThat(nearCache.peek("kept", ModelConfig.class)).isSameAs(first.after());
    Change second = update(0, "kept", new JsonObject().put("metadata", new JsonObject().put("a", 1)), null);
    assertThat(second.before()).isSameAs(first.after());
    assertThat(second.after().revision()).isEqualTo(3);
    assertThat(models(1).get("kept")).satisfies(stored -> {
      assertThat(stored.revision()).isEqualTo(3);
      assertThat(stored.status()).isEqualTo(ModelStatus.TRAINING);
      assertThat(stored.metadata()).isEqualTo(Map.of("a", 1));
    });
  }

  @Test
  @DisplayName("A copy read back from the grid serializes to the stored bytes, deflated trees too: its update is a compare-and-set")
  void deflatedCopyIsTheStoredOne() throws Exception {
    String prompt = "You are a careful assistant. Answer briefly. ".repeat(40);
    await(nodes.get(0).registry().registerModel(CALLER, ModelDraft.of("deflated", "base", "1",
        Map.of("prompt", prompt), Map.of("notes", prompt), ModelStatus.INITIALIZING)));
    ModelConfig cached = cachedOn(1, "deflated");
    Change change = update(1, "deflated", new JsonObject().put("status", "training"), null);
    assertThat(change.before()).as("decided from the Near Cache copy, not answered by the owner").isSameAs(cached);
    assertThat(models(0).get("deflated").parameters()).isEqualTo(Map.of("prompt", prompt));
    assertThat(models(0).get("deflated").status()).isEqualTo(ModelStatus.TRAINING);
  }

  @Test
  @DisplayName("A stale Near Cache copy is refused: the owner decides, and an If-Match of the stale revision fails")
  void staleCopyIsRefused() throws Exception {
    ModelConfig first = register("stale");
    Change elsewhere = update(1, "stale", new JsonObject().put("version", "2"), null);
    // this member's copy is made stale on purpose: the revision the other member just replaced
    NearCachedMapProxyImpl<String, ModelConfig> proxy = (NearCachedMapProxyImpl<String, ModelConfig>) models(0);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(
        () -> LocalNearCache.of(models(0)).peek("stale", ModelConfig.class) == null);
    proxy.getNearCache().put("stale", proxy.getNodeEngine().toData("stale"), first, null);
    assertThat(LocalNearCache.of(models(0)).peek("stale", ModelConfig.class)).isSameAs(first);

    assertThatThrownBy(() -> update(0, "stale", new JsonObject().put("version", "3"), first.etag()))
        .isInstanceOf(RegistryException.RevisionMismatch.class);
    proxy.getNearCache().put("stale", proxy.getNodeEngine().toData("stale"), first, null);
    Change blind = update(0, "stale", new JsonObject().put("status", "training"), null);
    assertThat(blind.before().revision()).isEqualTo(elsewhere.after().revision());
    assertThat(blind.after().revision()).isEqualTo(3);
    assertThat(blind.after().version()).isEqualTo("2");
    assertThat(models(1).get("stale").version()).isEqualTo("2");
    assertThat(models(1).get("stale").status()).isEqualTo(ModelStatus.TRAINING);
  }

  @Test
  @DisplayName("Unconditional updates racing from both members, each from its own Near Cache copy, lose none")
  void racingMembersLoseNothing() throws Exception {
    register("racing");
    cachedOn(0, "racing");
    cachedOn(1, "racing");
    int perNode = 25;
    List<Future<Change>> changes = new ArrayList<>();
    for (int i = 0; i < perNode; i++) {
      for (int node = 0; node < 2; node++) {
        JsonObject patch = new JsonObject().put("parameters", new JsonObject().put("n" + node + "-" + i, i));
        changes.add(nodes.get(node).registry().updateModel(CALLER, new ModelId("racing"), patch, Optional.empty()));
      }
    }
    for (Future<Change> change : changes) {
      await(change);
    }
    ModelConfig last = models(1).get("racing");
    assertThat(last.revision()).isEqualTo(1 + 2L * perNode);
    assertThat(last.parameters()).hasSize(1 + 2 * perNode);
  }
}
