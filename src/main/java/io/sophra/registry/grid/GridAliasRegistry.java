package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasDraft;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasPage;
import io.sophra.registry.alias.AliasQuery;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.alias.Preconditions;
import io.sophra.registry.alias.Resolution;
import io.sophra.registry.alias.Routing;
import io.sophra.registry.background.Blocking;
import io.sophra.registry.failure.NoReadyVariantException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Aliases in the Hazelcast IMap {@code aliases}, keyed by name, Compact-serialized, with synchronous
 * backups and a Near Cache on every member like the models map.
 *
 * <p>Resolution is the hot path: the alias comes from the local Near Cache, the subject's draw is one
 * SHA-256 ({@link Routing}), and the chosen model is read through the models' Near Cache, so a warm
 * node resolves without a remote call. Only when the subject's own variant's model is in error are
 * the other variants' models read, to place the subject again. Writes are rare and run whole on a
 * worker thread under locks ({@link AliasWrites}, {@link AliasLocks}); {@link #guard} keeps model
 * writes from breaking what aliases route to. No permission is checked here: callers come through
 * the decorators.
 */
public final class GridAliasRegistry implements AliasRegistry {

  public static final String MAP_NAME = "aliases";

  private final Vertx vertx;
  private final IMap<String, Alias> aliases;
  private final LocalNearCache aliasCache;
  private final LocalNearCache modelCache;
  private final ModelRegistry models;
  private final GridCalls calls;
  private final AliasLocks locks;
  private final AliasWrites writes;
  private final Majority majority;

  private GridAliasRegistry(Vertx vertx, IMap<String, Alias> aliases, LocalNearCache modelCache, ModelRegistry models,
      GridCalls calls, AliasLocks locks, AliasWrites writes, Majority majority) {
    this.vertx = vertx;
    this.aliases = aliases;
    this.aliasCache = LocalNearCache.of(aliases);
    this.modelCache = modelCache;
    this.models = models;
    this.calls = calls;
    this.locks = locks;
    this.writes = writes;
    this.majority = majority;
  }

  /**
   * Opens the aliases map (blocking: call it on a worker thread). {@code models} is the grid's own
   * model registry, which resolution reads through.
   */
  public static GridAliasRegistry create(Vertx vertx, HazelcastInstance hazelcast, ModelRegistry models,
      int maxAliases, Duration deadline) {
    IMap<String, Alias> aliases = hazelcast.getMap(MAP_NAME);
    IMap<String, ModelConfig> modelMap = hazelcast.getMap(GridModelRegistry.MAP_NAME);
    AliasLocks locks = new AliasLocks(hazelcast.getMap(AliasLocks.MAP_NAME), deadline.toMillis() + 30_000);
    AliasWrites writes = new AliasWrites(aliases, modelMap, hazelcast.getMap(ModelSlots.MAP_NAME), locks, maxAliases);
    return new GridAliasRegistry(vertx, aliases, LocalNearCache.of(modelMap), models, new GridCalls(vertx, deadline),
        locks, writes, Majority.of(hazelcast));
  }

  /**
   * {@code delegate} (the grid's model registry) refusing, with InUseByAlias, to move a model an alias
   * routes to into {@code training} or {@code initializing}, or to delete it.
   */
  public ModelRegistry guard(ModelRegistry delegate) {
    return new AliasGuard(delegate, this, locks, calls, vertx);
  }

  @Override
  public Future<AliasChange> putAlias(Caller caller, AliasName name, AliasDraft draft, Preconditions preconditions) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    return locked(deadline -> writes.put(name, draft, preconditions, deadline));
  }

  @Override
  public Future<Alias> getAlias(Caller caller, AliasName name) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    return calls.async(() -> aliases.getAsync(name.value())).map(alias -> {
      if (alias == null) {
        throw RegistryException.NotFound.alias(name.value());
      }
      return alias;
    });
  }

  /** Finds the page's names with an indexed query on a worker thread, then reads the aliases through the Near Cache. */
  @Override
  public Future<AliasPage> listAliases(Caller caller, AliasQuery query) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    Predicate<String, Alias> after = query.after().<Predicate<String, Alias>>map(name -> Predicates.greaterThan("name",
        name.value())).orElse(Predicates.alwaysTrue());
    return calls.blocking(() -> aliases.keySet(after))
        .map(keys -> keys.stream().sorted().limit(query.limit() + 1L).toList())
        .compose(names -> {
          boolean more = names.size() > query.limit();
          List<String> page = more ? names.subList(0, query.limit()) : names;
          GridCalls.Deadline deadline = calls.deadline();
          List<Future<Alias>> reads = page.stream().map(name -> calls.async(deadline, () -> aliases.getAsync(name)))
              .toList();
          return Future.all(reads).map(all -> new AliasPage(reads.stream().map(Future::result)
              .filter(alias -> alias != null).toList(),
              more ? Optional.of(new AliasName(page.get(page.size() - 1))) : Optional.empty()));
        });
  }

  @Override
  public Future<AliasChange> deleteAlias(Caller caller, AliasName name, Optional<String> expectedEtag) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    return locked(deadline -> writes.delete(name, expectedEtag, deadline));
  }

  /**
   * On a warm node both reads are hits of this member's Near Caches, read directly
   * ({@link LocalNearCache#peek}: the lookup {@code getAsync} makes first, without its Futures), and
   * the answer is built at once; a miss goes to the map as any read does.
   */
  @Override
  public Future<Resolution> resolve(Caller caller, AliasName name, Optional<String> subject) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    Alias cached = aliasCache.peek(name.value(), Alias.class);
    if (cached != null) {
      return route(caller, name, cached, subject);
    }
    return calls.async(() -> aliases.getAsync(name.value())).compose(alias -> route(caller, name, alias, subject));
  }

  private Future<Resolution> route(Caller caller, AliasName name, Alias alias, Optional<String> subject) {
    if (alias == null) {
      return Future.failedFuture(RegistryException.NotFound.alias(name.value()));
    }
    Routing.Draw draw = subject.map(value -> Routing.draw(alias.salt(), value)).orElseGet(Routing::random);
    int owner = Routing.owner(alias.variants(), draw);
    ModelId modelId = alias.variants().get(owner).modelId();
    ModelConfig cached = modelCache.peek(modelId.value(), ModelConfig.class);
    if (cached != null && cached.status() == ModelStatus.READY) {
      return Future.succeededFuture(chosen(alias, subject, draw, owner, cached));
    }
    return models.getModel(caller, modelId).transform(model -> {
      if (model.succeeded() && model.result().status() == ModelStatus.READY) {
        return Future.succeededFuture(chosen(alias, subject, draw, owner, model.result()));
      }
      if (model.failed() && !(model.cause() instanceof RegistryException.NotFound)) {
        return Future.failedFuture(model.cause());
      }
      return placeAgain(caller, alias, subject, draw);
    });
  }

  private static Resolution chosen(Alias alias, Optional<String> subject, Routing.Draw draw, int owner,
      ModelConfig model) {
    return new Resolution(alias, subject, draw, owner, draw.random() ? Routing.Reason.RANDOM : Routing.Reason.BUCKET,
        List.of(), model);
  }

  /** The subject's own variant is skipped: read every variant's model and place it by the rule of {@link Routing}. */
  private Future<Resolution> placeAgain(Caller caller, Alias alias, Optional<String> subject, Routing.Draw draw) {
    List<Future<ModelConfig>> reads = new ArrayList<>();
    alias.variants().forEach(variant -> reads.add(models.getModel(caller, variant.modelId())
        .recover(failure -> failure instanceof RegistryException.NotFound ? Future.succeededFuture(null)
            : Future.failedFuture(failure))));
    return Future.all(reads).map(all -> {
      boolean[] skipped = new boolean[reads.size()];
      List<ModelId> passedOver = new ArrayList<>();
      for (int i = 0; i < reads.size(); i++) {
        ModelConfig model = reads.get(i).result();
        skipped[i] = model == null || model.status() != ModelStatus.READY;
        if (skipped[i]) {
          passedOver.add(alias.variants().get(i).modelId());
        }
      }
      Routing.Choice choice = Routing.choose(alias.variants(), skipped, draw)
          .orElseThrow(() -> new NoReadyVariantException(alias.name()));
      return new Resolution(alias, subject, draw, choice.index(), choice.reason(), passedOver,
          reads.get(choice.index()).result());
    });
  }

  /** The names of the aliases routing to the model, sorted: an indexed query (blocking, worker threads only). */
  List<String> routingTo(String modelId) {
    return aliases.keySet(Predicates.equal(AliasSerializer.VARIANT_MODELS + "[any]", modelId)).stream().sorted()
        .toList();
  }

  /** Runs a locked write whole on a worker thread; the caller's answer is bounded by one request deadline. */
  private <T> Future<T> locked(LockedWrite<T> write) {
    GridCalls.Deadline deadline = calls.deadline();
    Callable<T> call = () -> write.run(deadline);
    return calls.within(deadline, Blocking.onWorker(vertx, call));
  }

  @FunctionalInterface
  private interface LockedWrite<T> {
    T run(GridCalls.Deadline deadline) throws Exception;
  }
}
