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
   * A page of a filtered list: ids from this member's ordered index once it is loaded, from a
   * query of the grid until then, the models read through the Near Cache ({@link ModelListing}).
   */
  Future<ModelPage> listModels(ModelQuery query) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    return listing.page(query);
  }

  /**
   * One page of whole models with ids after {@code after}, in id order: a page of the list without
   * filters ({@link ModelListing}), so its ids come from this member's ordered index and no member
   * scans its entries for it.
   */
  Future<ModelPage> exportModels(Optional<ModelId> after, int limit) {
    return listModels(new ModelQuery(Optional.empty(), Optional.empty(), limit, after));
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
