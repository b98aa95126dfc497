package io.sophra.registry.grid;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.util.ThreadUtil;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.operation.MapOperation;
import com.hazelcast.map.impl.operation.MapOperationProvider;
import com.hazelcast.map.impl.operation.ReplaceIfSameOperation;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationservice.InvocationBuilder;
import com.hazelcast.spi.properties.ClusterProperty;
import java.util.concurrent.CompletionStage;

/**
 * Writes to one map sent as Hazelcast's own operations, as the member's map proxy sends them, but
 * without the proxy's Near Cache handling, which the caller takes over ({@link LocalNearCache}):
 * the proxy drops this member's copy when it sends a write, so a member could never keep the revision
 * it stored itself.
 *
 * <ul>
 *   <li>{@link #replace}: a compare-and-set, Hazelcast's {@code ReplaceIfSameOperation}, which
 *       {@code IMap.replace(key, expected, next)} sends and waits for (IMap 5.3 has no async form). An
 *       update decided on this member from its Near Cache copy needs at the owner only "store
 *       {@code next} if the key still holds {@code expected}", about the cost of a {@code setAsync},
 *       where an entry processor costs about 47 µs more before its own work (benchmarks README). The
 *       owner compares the stored bytes with {@code expected} serialized here ({@code in-memory-format
 *       BINARY}), so a copy that is stale, or that serializes differently, is refused, never
 *       overwritten.</li>
 *   <li>{@link #submit}: an entry processor, as {@code submitToKey} sends it; its answer is
 *       deserialized once, by the invocation.</li>
 * </ul>
 *
 * <p>Both run on the key's partition with the map's partitioning strategy, the caller's thread id and
 * the cluster's {@code fail.on.indeterminate.state}. They are the mutating operations of any write:
 * split-brain protection, the map store, the backup and the entry event work as for the proxy's. This
 * uses Hazelcast's internal proxy and operation types; the version is pinned (5.3.8 via
 * vertx-hazelcast), and {@code DirectWritesTest} fails if an upgrade changes them.
 */
final class DirectWrites<K, V> {

  private final MapProxyImpl<K, V> proxy;
  private final NodeEngine engine;
  private final MapOperationProvider operations;
  private final boolean failOnIndeterminateState;

  private DirectWrites(MapProxyImpl<K, V> proxy) {
    this.proxy = proxy;
    this.engine = proxy.getNodeEngine();
    MapService service = engine.getService(MapService.SERVICE_NAME);
    this.operations = service.getMapServiceContext().getMapOperationProvider(proxy.getName());
    this.failOnIndeterminateState = engine.getProperties().getBoolean(
        ClusterProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE);
  }

  static <K, V> DirectWrites<K, V> of(IMap<K, V> map) {
    if (map instanceof MapProxyImpl<K, V> proxy) {
      return new DirectWrites<>(proxy);
    }
    throw new IllegalStateException("map '" + map.getName() + "' is a " + map.getClass().getName()
        + ", not a member's map proxy: this Hazelcast version is not the one the registry was built for");
  }

  /** Stores {@code next} under {@code key} if it holds {@code expected}; completes with whether it did. */
  CompletionStage<Boolean> replace(K key, V expected, V next) {
    Data keyData = keyData(key);
    ReplaceIfSameOperation operation = new ReplaceIfSameOperation(proxy.getName(), keyData, engine.toData(expected),
        engine.toData(next));
    return invocation(keyData, operation).setAsync().<Boolean>invoke();
  }

  /** Runs {@code processor} at {@code key}'s owner; completes with its answer. */
  <R> CompletionStage<R> submit(K key, EntryProcessor<K, V, R> processor) {
    Data keyData = keyData(key);
    return invocation(keyData, operations.createEntryOperation(proxy.getName(), keyData, processor)).<R>invoke();
  }

  private Data keyData(K key) {
    return engine.getSerializationService().toData(key, proxy.getPartitionStrategy());
  }

  private InvocationBuilder invocation(Data keyData, MapOperation operation) {
    operation.setThreadId(ThreadUtil.getThreadId());
    return engine.getOperationService()
        .createInvocationBuilder(MapService.SERVICE_NAME, operation, engine.getPartitionService().getPartitionId(keyData))
        .setFailOnIndeterminateOperationState(failOnIndeterminateState);
  }
}
