package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pages of {@code listModels}: the page's ids chosen from this member's {@link ModelIndex}
 * (no grid call), the models read through the Near Cache (hits directly, misses with one
 * {@code getAsync} each, in parallel). Until the index is loaded (start-up, after a merge) the ids come
 * from a query of the whole grid instead (the models map has no Hazelcast index: each member filters
 * its Compact records in place), on a worker thread. Either way the models read are
 * filtered again, so a model deleted or changed between the two steps is left out rather than shown
 * stale; the cursor is the page's last chosen id, as before.
 */
final class ModelListing {

  private final IMap<String, ModelConfig> models;
  private final ModelIndex index;
  private final LocalNearCache nearCache;
  private final GridCalls calls;
  private final Majority majority;

  ModelListing(IMap<String, ModelConfig> models, ModelIndex index, GridCalls calls, Majority majority) {
    this.models = models;
    this.index = index;
    this.nearCache = LocalNearCache.of(models);
    this.calls = calls;
    this.majority = majority;
  }

  Future<ModelPage> page(ModelQuery query) {
    if (index.ready()) {
      return page(query, index.page(query));
    }
    return calls.blocking(() -> models.keySet(ModelReads.predicate(query)))
        .compose(keys -> page(query, keys.stream().sorted().limit(query.limit() + 1L).toList()));
  }

  private Future<ModelPage> page(ModelQuery query, List<String> ids) {
    boolean more = ids.size() > query.limit();
    List<String> pageIds = more ? ids.subList(0, query.limit()) : ids;
    Optional<ModelId> next = more ? Optional.of(new ModelId(pageIds.get(pageIds.size() - 1))) : Optional.empty();
    return read(pageIds).map(found -> new ModelPage(
        found.stream().filter(model -> model != null && ModelReads.matches(query, model)).toList(), next));
  }

  /**
   * The models with these ids, in order, {@code null} where there is none: Near Cache hits at once,
   * misses with one {@code getAsync} each, in parallel (also the batch read's, {@link ModelReads}).
   */
  Future<List<ModelConfig>> read(List<String> ids) {
    ModelConfig[] found = new ModelConfig[ids.size()];
    List<Integer> missed = new ArrayList<>();
    List<Future<ModelConfig>> reads = new ArrayList<>();
    GridCalls.Deadline deadline = null;
    for (int i = 0; i < found.length; i++) {
      String id = ids.get(i);
      found[i] = nearCache.peek(id, ModelConfig.class);
      if (found[i] == null) {
        deadline = deadline == null ? calls.deadline() : deadline;
        missed.add(i);
        reads.add(calls.async(deadline, () -> models.getAsync(id)));
      }
    }
    Future<List<ModelConfig>> all = reads.isEmpty() ? Future.succeededFuture(Arrays.asList(found))
        : Future.all(reads).map(done -> {
          for (int i = 0; i < reads.size(); i++) {
            found[missed.get(i)] = reads.get(i).result();
          }
          return Arrays.asList(found);
        });
    return all.compose(majority::confirmRead);
  }
}
