package io.sophra.registry.bench.support;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Fills a registry through its own interface, with a window of calls in flight. */
public final class Population {

  /** Every in-process call of the benchmarks is made as this caller (every permission). */
  public static final Caller CALLER = Caller.system("bench");
  private static final int WINDOW = 128;

  private Population() {
  }

  /** Registers models 0..count-1 of {@link ModelFactory} and returns them as stored. */
  public static List<ModelConfig> register(ModelRegistry registry, int count) {
    List<ModelConfig> stored = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      stored.add(null);
    }
    pipelined(count, index -> registry.registerModel(CALLER, ModelFactory.draft(index))
        .onSuccess(change -> stored.set(index, change.after())));
    return stored;
  }

  /** Reads every id once (this fills the member's Near Cache when it has one). */
  public static void readAll(ModelRegistry registry, List<String> ids) {
    pipelined(ids.size(), index -> registry.getModel(CALLER, ids.get(index)));
  }

  private static void pipelined(int count, Function<Integer, Future<?>> call) {
    Semaphore window = new Semaphore(WINDOW);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < count && failure.get() == null; i++) {
      window.acquireUninterruptibly();
      call.apply(i).onComplete(result -> {
        if (result.failed()) {
          failure.compareAndSet(null, result.cause());
        }
        window.release();
      });
    }
    window.acquireUninterruptibly(WINDOW);
    if (failure.get() != null) {
      throw new IllegalStateException("populating failed: " + failure.get(), failure.get());
    }
  }

  /** The ids of these models, in order. */
  public static List<String> ids(List<ModelConfig> models) {
    return models.stream().map(ModelConfig::id).toList();
  }
}
