package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cap's slots: far from the cap a registration's insert goes beside its reservation")
class ModelSlotsTest {

  private static final Caller CALLER = Caller.system("test");
  /** Headroom 32 (the minimum): with no model held the insert goes beside; with 9 it waits for its slot. */
  private static final int MAX = 40;
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final List<RegistryNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("Far from the cap, a refused reservation undoes the insert sent beside it: RegistryFull, nothing held")
  void refusedBesideIsUndone() {
    RegistryNode node = started(1).get(0);
    Queue<String> seen = watch(node);

    String id = awaitBeside(node);

    // the insert did happen, beside the reservation, and was removed again before the answer
    assertThat(models(node).containsKey(id)).isFalse();
    Awaitility.await().atMost(BOUND).until(() -> seen.contains("removed " + id));
    assertThat(seen).filteredOn(event -> event.endsWith(" " + id)).containsExactly("added " + id, "removed " + id);
    assertThatThrownBy(() -> await(node.registry().getModel(CALLER, new ModelId(id))))
        .isInstanceOf(RegistryException.NotFound.class);
    assertThat(slotCount(node)).isEqualTo(MAX);
  }

  @Test
  @DisplayName("Far from the cap, a duplicate id sent beside its reservation gives the slot back: one model, one slot")
  void duplicateBesideGivesTheSlotBack() {
    RegistryNode node = started(1).get(0);
    awaitBeside(node);
    setSlotCount(node, 0);

    await(node.registry().registerModel(CALLER, draft("twice")));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> await(node.registry().registerModel(CALLER, draft("twice"))))
          .isInstanceOf(RegistryException.AlreadyExists.class);
    }

    assertThat(models(node).size()).isEqualTo(1);
    assertThat(slotCount(node)).isEqualTo(1);
  }

  @Test
  @DisplayName("Near the cap, a registration waits for its slot: a refused one never touches the models")
  void nearTheCapTheSlotComesFirst() {
    RegistryNode node = started(1).get(0);
    awaitBeside(node);
    setSlotCount(node, 0);
    for (int i = 0; i < MAX - ModelSlots.headroom(MAX) + 1; i++) {
      await(node.registry().registerModel(CALLER, draft("held-" + i)));
    }
    Queue<String> seen = watch(node);
    setSlotCount(node, MAX);

    assertThatThrownBy(() -> await(node.registry().registerModel(CALLER, draft("after"))))
        .isInstanceOf(RegistryException.RegistryFull.class);

    // events of one key arrive in order: had the refused registration inserted, its events came first
    models(node).set("after", models(node).get("held-0"));
    Awaitility.await().atMost(BOUND).until(() -> seen.contains("added after"));
    assertThat(seen).containsExactly("added after");
  }

  @Test
  @DisplayName("Two members registering 4x max at once, most beside their slots: exactly max admitted and held")
  void exactUnderConcurrencyBesideTheSlot() {
    List<RegistryNode> cluster = started(2);
    cluster.forEach(ModelSlotsTest::awaitBeside);
    setSlotCount(cluster.get(0), 0);
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 2 * MAX; i++) {
      for (RegistryNode node : cluster) {
        attempts.add(node.registry().registerModel(CALLER, draft("burst-" + UUID.randomUUID())).map(done -> true)
            .recover(failure -> failure instanceof RegistryException.RegistryFull ? Future.succeededFuture(false)
                : Future.failedFuture(failure)));
      }
    }

    assertThat(attempts.stream().map(ModelSlotsTest::await)).filteredOn(Boolean::booleanValue).hasSize(MAX);
    assertThat(models(cluster.get(1)).size()).isEqualTo(MAX);
    assertThat(slotCount(cluster.get(0))).isEqualTo(MAX);
  }

  private List<RegistryNode> started(int size) {
    Map<String, String> settings = Map.of("MODEL_REGISTRY_MAX_MODELS", String.valueOf(MAX));
    nodes.addAll(size == 1 ? List.of(TestNodes.single(settings)) : TestNodes.cluster(size, settings));
    return nodes;
  }

  /**
   * With every slot taken, registers new ids until one is inserted beside its reservation (once the
   * member's list index has loaded, it knows the cap is far); each is refused. Answers that id.
   */
  private static String awaitBeside(RegistryNode node) {
    setSlotCount(node, MAX);
    Queue<String> seen = watch(node);
    long until = System.nanoTime() + BOUND.toNanos();
    while (System.nanoTime() < until) {
      String id = "probe-" + UUID.randomUUID();
      assertThatThrownBy(() -> await(node.registry().registerModel(CALLER, draft(id))))
          .isInstanceOf(RegistryException.RegistryFull.class);
      long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (System.nanoTime() < settle) {
        if (seen.contains("added " + id)) {
          return id;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      }
    }
    throw new AssertionError("no registration went beside its reservation within " + BOUND);
  }

  private static Queue<String> watch(RegistryNode node) {
    Queue<String> seen = new ConcurrentLinkedQueue<>();
    models(node).addEntryListener(new Both(seen), false);
    return seen;
  }

  /** Records each entry added and removed, in order. */
  private record Both(Queue<String> seen)
      implements EntryAddedListener<String, ModelConfig>, EntryRemovedListener<String, ModelConfig> {
    @Override
    public void entryAdded(EntryEvent<String, ModelConfig> event) {
      seen.add("added " + event.getKey());
    }

    @Override
    public void entryRemoved(EntryEvent<String, ModelConfig> event) {
      seen.add("removed " + event.getKey());
    }
  }

  private static void setSlotCount(RegistryNode node, long count) {
    node.hazelcast().<String, Long>getMap(ModelSlots.MAP_NAME).set("models", count);
  }

  private static long slotCount(RegistryNode node) {
    return node.hazelcast().<String, Long>getMap(ModelSlots.MAP_NAME).get("models");
  }

  private static IMap<String, ModelConfig> models(RegistryNode node) {
    return node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
  }

  private static ModelDraft draft(String id) {
    return ModelDraft.of(id, "base", "1.0.0", Map.of("k", 1), Map.of(), ModelStatus.INITIALIZING);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
