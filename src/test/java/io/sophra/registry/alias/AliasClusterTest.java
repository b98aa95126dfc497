package io.sophra.registry.alias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Aliases on a two-member cluster, resolved in process through {@link RegistryNode#aliases()} (a
 * verticle's way) and over HTTP: weights hold over 100,000 subjects, a weight change moves only the
 * subjects it must, every node and every restart agrees, and concurrent alias writes and model moves
 * never leave an alias routing to a model that is not ready.
 */
@DisplayName("Aliases across members: weights, stickiness, stability, consistency with the models")
class AliasClusterTest {

  private static final Caller SYSTEM = Caller.system("alias-cluster-test");
  private static final int SUBJECTS = 100_000;

  private static List<RegistryNode> nodes;
  private static Http one;
  private static Http two;

  @BeforeAll
  static void startCluster() {
    nodes = TestNodes.cluster(2, Map.of());
    one = TestNodes.http(nodes.get(0));
    two = TestNodes.http(nodes.get(1));
  }

  @AfterAll
  static void stopCluster() {
    TestNodes.stop(nodes);
  }

  @Test
  @DisplayName("100,000 subjects resolve within ±1 % of the weights 70/20/10")
  void weightsHold() {
    List<String> models = readyModels(nodes.get(0), 3);
    String alias = createAlias(nodes.get(0), "salt-weights", models.get(0), 70, models.get(1), 20, models.get(2), 10);
    List<String> chosen = resolveAll(nodes.get(1), alias, subjects());
    assertThat(share(chosen, models.get(0))).isCloseTo(0.70, offset(0.01));
    assertThat(share(chosen, models.get(1))).isCloseTo(0.20, offset(0.01));
    assertThat(share(chosen, models.get(2))).isCloseTo(0.10, offset(0.01));
  }

  @Test
  @DisplayName("90/10 → 80/20 moves 10 % ± 1 % of 100,000 subjects from the first variant to the second, and none back")
  void weightChangeMovesOnlyWhomItMust() {
    List<String> models = readyModels(nodes.get(0), 2);
    String alias = createAlias(nodes.get(0), "salt-shift", models.get(0), 90, models.get(1), 10);
    List<String> before = resolveAll(nodes.get(1), alias, subjects());

    Futures.await(nodes.get(0).aliases().putAlias(SYSTEM, new AliasName(alias), draft(models.get(0), 80,
        models.get(1), 20).salt("salt-shift").build(), Preconditions.none()));
    await().atMost(Duration.ofSeconds(5)).until(() -> Futures.await(nodes.get(1).aliases()
        .getAlias(SYSTEM, new AliasName(alias))).revision() == 2);
    List<String> after = resolveAll(nodes.get(1), alias, subjects());

    int moved = 0;
    for (int i = 0; i < SUBJECTS; i++) {
      if (!before.get(i).equals(after.get(i))) {
        assertThat(before.get(i)).as("only the first variant gives up subjects").isEqualTo(models.get(0));
        assertThat(after.get(i)).isEqualTo(models.get(1));
        moved++;
      }
    }
    assertThat(moved / (double) SUBJECTS).isCloseTo(0.10, offset(0.01));
  }

  @Test
  @DisplayName("Every node, over HTTP and in process, and a new cluster after a restart put a subject on the variant its fixed bucket names")
  void stableAcrossNodesAndRestarts() {
    // buckets of SHA-256("search-ranker:" + subject), computed with Python's hashlib
    Map<String, Integer> table = Map.of("user-1", 22, "user-2", 88, "user-42", 45, "alice@example.com", 68);
    List<String> models = readyModels(nodes.get(0), 3);
    String alias = createAlias(nodes.get(0), "search-ranker", models.get(0), 25, models.get(1), 25, models.get(2), 50);
    for (Map.Entry<String, Integer> row : table.entrySet()) {
      String expected = models.get(row.getValue() < 25 ? 0 : row.getValue() < 50 ? 1 : 2);
      for (Http node : List.of(one, two)) {
        JsonObject resolution = node.get("/v1/aliases/" + alias + "/resolve?subject=" + row.getKey()).json();
        assertThat(resolution.getInteger("bucket")).isEqualTo(row.getValue());
        assertThat(resolution.getJsonObject("variant").getString("modelId")).isEqualTo(expected);
      }
      for (RegistryNode node : nodes) {
        assertThat(Futures.await(node.aliases().resolve(SYSTEM, new AliasName(alias), Optional.of(row.getKey())))
            .model().id()).isEqualTo(expected);
      }
    }

    RegistryNode restarted = TestNodes.single();
    try {
      for (String id : models) {
        Futures.await(restarted.registry().registerModel(SYSTEM, ModelDraft.of(id, "base", "1", Map.of(), Map.of(),
            ModelStatus.READY)));
      }
      Futures.await(restarted.aliases().putAlias(SYSTEM, new AliasName(alias), draft(models.get(0), 25, models.get(1),
          25, models.get(2), 50).salt("search-ranker").build(), Preconditions.none()));
      for (Map.Entry<String, Integer> row : table.entrySet()) {
        Resolution resolution = Futures.await(restarted.aliases().resolve(SYSTEM, new AliasName(alias),
            Optional.of(row.getKey())));
        assertThat(resolution.draw().bucket()).isEqualTo(row.getValue());
        assertThat(resolution.model().id()).isEqualTo(models.get(row.getValue() < 25 ? 0 : row.getValue() < 50 ? 1 : 2));
      }
    } finally {
      TestNodes.stop(restarted);
    }
  }

  @Test
  @DisplayName("An alias PUT on one node racing a move to training (or a delete) of its model on the other: exactly one wins")
  void concurrentAliasWriteAndModelMove() throws Exception {
    int aliasWins = 0;
    for (int round = 0; round < 16; round++) {
      boolean delete = round % 2 == 1;
      String model = readyModels(nodes.get(0), 1).get(0);
      String alias = "race-" + UUID.randomUUID().toString().substring(0, 8);
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<Reply> aliasWrite = CompletableFuture.supplyAsync(() -> {
        awaitBarrier(start);
        return one.send("PUT", "/v1/aliases/" + alias, aliasJson(model, 100).encode().getBytes(),
            "Content-Type", "application/json");
      });
      int delayMillis = round % 4;
      CompletableFuture<Reply> modelMove = CompletableFuture.supplyAsync(() -> {
        awaitBarrier(start);
        pause(delayMillis);
        return delete ? two.delete("/v1/models/" + model) : two.patch("/v1/models/" + model, "{\"status\":\"training\"}");
      });
      Reply put = aliasWrite.get();
      Reply move = modelMove.get();

      boolean aliasWon = put.status() == 201;
      boolean moveWon = move.status() == (delete ? 204 : 200);
      assertThat(aliasWon ^ moveWon).as("round %d: alias %s, move %s", round, put, move).isTrue();
      if (aliasWon) {
        aliasWins++;
        assertThat(move.problemType()).isEqualTo("in-use-by-alias");
        assertThat(one.get("/v1/models/" + model).json().getString("status")).isEqualTo("ready");
      } else {
        assertThat(put.problemType()).isEqualTo("variant-not-ready");
        assertThat(one.get("/v1/aliases/" + alias).status()).isEqualTo(404);
      }
    }
    System.out.printf("alias write won %d of 16 races against a model move%n", aliasWins);
  }

  /** Staggers the two sides a little, so each wins some rounds. */
  private static void pause(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitBarrier(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> subjects() {
    List<String> subjects = new ArrayList<>(SUBJECTS);
    for (int i = 0; i < SUBJECTS; i++) {
      subjects.add("user-" + i);
    }
    return subjects;
  }

  private static double share(List<String> chosen, String model) {
    return chosen.stream().filter(model::equals).count() / (double) chosen.size();
  }

  /** Resolves every subject in process on {@code node}, on one of its event-loop contexts as a verticle would, a chunk per task. */
  private static List<String> resolveAll(RegistryNode node, String alias, List<String> subjects) {
    Context context = node.vertx().getOrCreateContext();
    AliasName name = new AliasName(alias);
    List<String> chosen = new ArrayList<>(subjects.size());
    for (int from = 0; from < subjects.size(); from += 2000) {
      List<String> chunk = subjects.subList(from, Math.min(subjects.size(), from + 2000));
      Promise<List<String>> done = Promise.promise();
      context.runOnContext(ignored -> {
        List<Future<Resolution>> resolutions = chunk.stream()
            .map(subject -> node.aliases().resolve(SYSTEM, name, Optional.of(subject))).toList();
        Future.all(resolutions).map(all -> resolutions.stream().map(r -> r.result().model().id()).toList())
            .onComplete(done);
      });
      chosen.addAll(Futures.await(done.future()));
    }
    return chosen;
  }

  private static List<String> readyModels(RegistryNode node, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "m-" + UUID.randomUUID().toString().substring(0, 8);
      Futures.await(node.registry().registerModel(SYSTEM, ModelDraft.of(id, "base", "1", Map.of(), Map.of(),
          ModelStatus.READY)));
      ids.add(id);
    }
    return ids;
  }

  private static String createAlias(RegistryNode node, String salt, Object... modelsAndWeights) {
    String name = "alias-" + UUID.randomUUID().toString().substring(0, 8);
    Futures.await(node.aliases().putAlias(SYSTEM, new AliasName(name), draft(modelsAndWeights).salt(salt).build(),
        Preconditions.none()));
    return name;
  }

  private static DraftBuilder draft(Object... modelsAndWeights) {
    List<Variant> variants = new ArrayList<>();
    for (int i = 0; i < modelsAndWeights.length; i += 2) {
      variants.add(new Variant(new ModelId((String) modelsAndWeights[i]), (Integer) modelsAndWeights[i + 1]));
    }
    return new DraftBuilder(variants);
  }

  private static JsonObject aliasJson(String model, int weight) {
    return new JsonObject().put("variants", new JsonArray().add(new JsonObject().put("modelId", model).put("weight", weight)));
  }

  private record DraftBuilder(List<Variant> variants, Optional<String> salt) {
    DraftBuilder(List<Variant> variants) {
      this(variants, Optional.empty());
    }

    DraftBuilder salt(String value) {
      return new DraftBuilder(variants, Optional.of(value));
    }

    AliasDraft build() {
      return AliasDraft.of(variants, salt, "");
    }
  }
}
