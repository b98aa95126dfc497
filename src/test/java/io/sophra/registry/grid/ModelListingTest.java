package io.sophra.registry.grid;

import static io.sophra.registry.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.support.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pages from the local index are exactly the pages the grid query gives (the path lists take while
 * the index is not loaded): every filter, limit and cursor, after a load, after a reload that repairs
 * an index gone wrong, and around a merge.
 */
@DisplayName("Lists from the local index equal lists from a query of the grid")
class ModelListingTest {

  private static final Caller CALLER = Caller.system("listing-test");
  private static final List<Optional<String>> BASES = List.of(Optional.empty(), Optional.of("base-a"),
      Optional.of("base-b"), Optional.of("base-none"));
  private static final List<Optional<ModelStatus>> STATUSES = List.of(Optional.empty(), Optional.of(ModelStatus.READY),
      Optional.of(ModelStatus.TRAINING), Optional.of(ModelStatus.ERROR));

  private static RegistryNode node;
  private static IMap<String, ModelConfig> models;
  private static GridCalls calls;
  private static ModelListing fromGrid;

  @BeforeAll
  static void start() {
    node = TestNodes.single();
    models = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
    calls = new GridCalls(node.vertx(), Duration.ofSeconds(5));
    fromGrid = new ModelListing(models, new ModelIndex(), calls, Majority.of(node.hazelcast()));
    ModelStatus[] statuses = {ModelStatus.INITIALIZING, ModelStatus.READY, ModelStatus.TRAINING, ModelStatus.READY};
    for (int i = 0; i < 40; i++) {
      await(node.registry().registerModel(CALLER, ModelDraft.of(String.format("lt-%02d", i), i % 3 == 0 ? "base-a"
          : "base-b", "1", Map.of(), Map.of(), statuses[i % statuses.length])));
    }
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
  }

  private static ModelListing listing(IndexFeed feed) {
    return new ModelListing(models, feed.index(), calls, Majority.of(node.hazelcast()));
  }

  /** Every page of every filter combination at several limits, cursors followed to the end. */
  private static List<String> walk(ModelListing listing) {
    List<String> seen = new ArrayList<>();
    for (Optional<String> base : BASES) {
      for (Optional<ModelStatus> status : STATUSES) {
        for (int limit : new int[] {1, 3, 7, 1000}) {
          Optional<ModelId> after = Optional.empty();
          do {
            ModelPage page = await(listing.page(new ModelQuery(base, status, limit, after)));
            seen.add(base + "/" + status + "/" + limit + "/" + after.map(ModelId::value).orElse("-") + ": "
                + page.items().stream().map(model -> model.id() + "@" + model.revision()).toList());
            after = page.nextAfter();
          } while (after.isPresent());
        }
      }
    }
    return seen;
  }

  @Test
  @DisplayName("A loaded index gives every page, filter and cursor the grid query gives")
  void sameAsGrid() {
    IndexFeed feed = IndexFeed.start(node.vertx(), node.hazelcast(), models);
    assertThat(feed.index().ready()).isTrue();
    assertThat(feed.index().size()).isEqualTo(models.size());
    List<String> expected = walk(fromGrid);
    assertThat(expected).anyMatch(line -> line.contains("lt-39@1"));
    assertThat(walk(listing(feed))).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("A reload repairs an index that missed changes (a phantom model, a lost one, a stale status)")
  void reloadRepairs() {
    IndexFeed feed = IndexFeed.start(node.vertx(), node.hazelcast(), models);
    ModelIndex index = feed.index();
    ModelConfig real = models.get("lt-05");
    index.changed("lt-05", real, null);
    index.changed("lt-00-phantom", null, new ModelConfig("lt-00-phantom", "base-a", "1", Map.of(), Map.of(),
        ModelStatus.READY, Instant.EPOCH, Instant.EPOCH, "phantom", 1));
    ModelConfig other = models.get("lt-06");
    index.changed("lt-06", other, new ModelConfig("lt-06", "base-none", "1", Map.of(), Map.of(), ModelStatus.ERROR,
        Instant.EPOCH, Instant.EPOCH, other.uid(), other.revision() + 1));
    List<String> expected = walk(fromGrid);
    assertThat(walk(listing(feed))).isNotEqualTo(expected);

    feed.reload();
    await().atMost(Duration.ofSeconds(10)).until(() -> walk(listing(feed)).equals(expected));
  }

  @Test
  @DisplayName("Around a merge lists come from the grid, and from the reloaded index after it")
  void aroundMerge() {
    IndexFeed feed = IndexFeed.start(node.vertx(), node.hazelcast(), models);
    ModelIndex index = feed.index();
    index.changed("lt-07", models.get("lt-07"), null);
    feed.stateChanged(new LifecycleEvent(LifecycleState.MERGING));
    assertThat(index.ready()).isFalse();
    List<String> expected = walk(fromGrid);
    assertThat(walk(listing(feed))).containsExactlyElementsOf(expected);

    feed.stateChanged(new LifecycleEvent(LifecycleState.MERGED));
    await().atMost(Duration.ofSeconds(10)).until(index::ready);
    assertThat(walk(listing(feed))).containsExactlyElementsOf(expected);
  }
}
