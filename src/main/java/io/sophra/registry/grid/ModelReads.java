package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.BatchResult;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of many models at once for {@link GridModelRegistry}: a batch of ids, a page of a filtered
 * list, a page of an export. Each refuses without a majority (see {@link Majority}), as the single
 * read does, and reads the models through the Near Cache where it can.
 */
final class ModelReads {

  private final IMap<String, ModelConfig> models;
  private final GridCalls calls;
  private final Majority majority;
  private final ModelListing listing;

  ModelReads(IMap<String, ModelConfig> models, GridCalls calls, Majority majority, ModelListing listing) {
    this.models = models;
    this.calls = calls;
    this.majority = majority;
    this.listing = listing;
  }

  Future<BatchResult> getModels(List<ModelId> ids) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    List<ModelId> unique = List.copyOf(new LinkedHashSet<>(ids));
    return listing.read(unique.stream().map(ModelId::value).toList()).map(results -> {
      List<ModelConfig> found = new ArrayList<>(unique.size());
      List<ModelId> missing = new ArrayList<>();
      for (int i = 0; i < unique.size(); i++) {
        if (results.get(i) != null) {
          found.add(results.get(i));
        } else {
          missing.add(unique.get(i));
        }
      }
      return new BatchResult(found, missing);
    });
  }

  /**
   * A page of a filtered list: ids from this member's ordered index once it is loaded, from an indexed
   * query of the grid until then, the models read through the Near Cache ({@link ModelListing}).
   */
  Future<ModelPage> listModels(ModelQuery query) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    return listing.page(query);
  }

  /**
   * One page of whole models with ids after {@code after}, in id order: a paging predicate over the
   * sorted index on {@code id}, so each member sends at most one page, not every match (a worker
   * thread: IMap has no async query).
   */
  Future<ModelPage> exportModels(Optional<ModelId> after, int limit) {
    Predicate<String, ModelConfig> from = after.<Predicate<String, ModelConfig>>map(
        id -> Predicates.greaterThan("id", id.value())).orElse(Predicates.alwaysTrue());
    return calls.blocking(() -> models.entrySet(Predicates.pagingPredicate(from, limit + 1)))
        .map(entries -> {
          List<ModelConfig> page = entries.stream().map(Map.Entry::getValue)
              .sorted(java.util.Comparator.comparing(ModelConfig::id)).toList();
          boolean more = page.size() > limit;
          List<ModelConfig> items = more ? page.subList(0, limit) : page;
          return new ModelPage(items, more ? Optional.of(new ModelId(items.get(limit - 1).id())) : Optional.empty());
        });
  }

  static Predicate<String, ModelConfig> predicate(ModelQuery query) {
    List<Predicate<String, ModelConfig>> parts = new ArrayList<>();
    query.after().ifPresent(after -> parts.add(Predicates.greaterThan("id", after.value())));
    query.baseModel().ifPresent(baseModel -> parts.add(Predicates.equal("baseModel", baseModel)));
    query.status().ifPresent(status -> parts.add(Predicates.equal("status", status.wireName())));
    if (parts.isEmpty()) {
      return Predicates.alwaysTrue();
    }
    @SuppressWarnings("unchecked")
    Predicate<String, ModelConfig>[] array = parts.toArray(new Predicate[0]);
    return Predicates.and(array);
  }

  static boolean matches(ModelQuery query, ModelConfig model) {
    return query.admits(model.baseModel(), model.status());
  }
}
