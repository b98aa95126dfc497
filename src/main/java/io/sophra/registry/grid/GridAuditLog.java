package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.flakeidgen.FlakeIdGenerator;
import com.hazelcast.map.IMap;
import com.hazelcast.query.PagingPredicate;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.QueryConstants;
import io.sophra.registry.config.AuditSettings;
import io.sophra.registry.security.AuditAction;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditId;
import io.sophra.registry.security.AuditLog;
import io.sophra.registry.security.AuditPage;
import io.sophra.registry.security.AuditQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in the grid: an IMap {@code audit} from {@link AuditId} (as text) to entry.
 *
 * <p>Design note: keys that are never reused. An entry's key is its time and a Hazelcast Flake ID
 * ({@code audit-ids}): each member makes Flake IDs from its own node id and clock, with no round trip
 * to one owner, so there is no counter whose partition could be lost (two members at once, the
 * minority side of a split) and restart at 1 over surviving entries, as the former sequence counter
 * could. The entry is stored only into an absent key ({@link AbsentPuts}), so even a duplicate
 * Flake ID (two members joining different sides of a split, see Hazelcast's documentation) cannot
 * overwrite an entry: the append takes a new id and tries again. After a split heals, the map's
 * default merge policy (put-if-absent) keeps the entries of both sides, since their keys differ.
 *
 * <p>Why an IMap and not a Ringbuffer. A Ringbuffer lives in one partition (one member holds all
 * history and takes every append) and reads forward only. Here entries spread over all partitions,
 * indexes on {@code modelId}, {@code actor}, {@code action} and the key (whose text begins with the
 * entry's time, so it also selects by {@code since}) select a filtered
 * page, and a paging predicate ordered by key ({@link AuditOrder}) has each member sort its own
 * matches and send only a page: newest first means by time, then by the unique number, the same on
 * every node. Queries have no async form in Hazelcast 5.3 and run on a worker thread; appends are
 * async all the way ({@code FlakeIdGenerator.newId} is local on a member with a valid node id).
 * Retention by count and by age: {@link AuditRetention}. Synchronous backups like the models', so an
 * acknowledged entry survives the loss of one member.
 */
public final class GridAuditLog implements AuditLog {

  public static final String MAP_NAME = "audit";
  public static final String ID_GENERATOR = "audit-ids";
  static final String KEY = QueryConstants.KEY_ATTRIBUTE_NAME.value();
  private static final int ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(GridAuditLog.class);

  private final IMap<String, AuditEntry> entries;
  private final AbsentPuts<String, AuditEntry> inserts;
  private final LongSupplier ids;
  private final GridCalls calls;
  private final Majority majority;

  private GridAuditLog(IMap<String, AuditEntry> entries, LongSupplier ids, GridCalls calls, Majority majority) {
    this.entries = entries;
    this.inserts = AbsentPuts.of(entries);
    this.ids = ids;
    this.calls = calls;
    this.majority = majority;
  }

  /** Opens the map and starts its retention; blocks while the proxies are made (call it on a worker). */
  public static GridAuditLog create(Vertx vertx, HazelcastInstance hazelcast, AuditSettings settings,
      Duration deadline) {
    FlakeIdGenerator flakeIds = hazelcast.getFlakeIdGenerator(ID_GENERATOR);
    return create(vertx, hazelcast, settings, deadline, flakeIds::newId);
  }

  /** As above, with the unique numbers taken from {@code ids} (tests give it duplicates). */
  static GridAuditLog create(Vertx vertx, HazelcastInstance hazelcast, AuditSettings settings, Duration deadline,
      LongSupplier ids) {
    IMap<String, AuditEntry> entries = hazelcast.getMap(MAP_NAME);
    GridSerialization.publishSchema(hazelcast, new AuditEntry(null, Instant.EPOCH, "", List.of(), AuditAction.REGISTER,
        "", "", 0, List.of(), OptionalLong.empty(), ""));
    AuditRetention.start(vertx, hazelcast, entries, settings);
    return new GridAuditLog(entries, ids, new GridCalls(vertx, deadline), Majority.of(hazelcast));
  }

  @Override
  public Future<AuditEntry> append(AuditEntry entry) {
    return append(entry, calls.deadline(), ATTEMPTS);
  }

  private Future<AuditEntry> append(AuditEntry entry, GridCalls.Deadline deadline, int attempts) {
    AuditEntry keyed;
    try {
      keyed = entry.withId(AuditId.of(entry.at(), ids.getAsLong()));
    } catch (RuntimeException e) {
      return GridCalls.translate(e);
    }
    return calls.async(deadline, () -> inserts.putIfAbsent(keyed.id().text(), keyed))
        .compose(found -> {
          if (found == null) {
            return Future.succeededFuture(keyed);
          }
          LOG.warn("audit id {} is taken already; the entry takes another (attempts left: {})", keyed.id(),
              attempts - 1);
          return attempts > 1 ? append(entry, deadline, attempts - 1)
              : Future.failedFuture(new IllegalStateException("no free audit id after " + ATTEMPTS + " attempts"));
        });
  }

  @Override
  public Future<AuditPage> find(AuditQuery query) {
    if (!majority.present()) {
      return Future.failedFuture(majority.refusal());
    }
    Predicate<String, AuditEntry> predicate = predicate(query);
    return calls.blocking(() -> page(predicate, query.limit()));
  }

  private AuditPage page(Predicate<String, AuditEntry> predicate, int limit) {
    PagingPredicate<String, AuditEntry> newest = Predicates.pagingPredicate(predicate, AuditOrder.NEWEST_FIRST,
        limit + 1);
    List<Map.Entry<String, AuditEntry>> matches = new ArrayList<>(entries.entrySet(newest));
    matches.sort(AuditOrder.NEWEST_FIRST);
    boolean more = matches.size() > limit;
    List<AuditEntry> items = matches.stream().limit(limit).map(Map.Entry::getValue).toList();
    Optional<AuditId> next = more ? Optional.of(items.get(items.size() - 1).id()) : Optional.empty();
    return new AuditPage(items, next);
  }

  private static Predicate<String, AuditEntry> predicate(AuditQuery query) {
    List<Predicate<String, AuditEntry>> parts = new ArrayList<>();
    query.before().ifPresent(before -> parts.add(Predicates.lessThan(KEY, before.text())));
    query.modelId().ifPresent(id -> parts.add(Predicates.equal("modelId", id.value())));
    query.actor().ifPresent(actor -> parts.add(Predicates.equal("actor", actor)));
    query.action().ifPresent(action -> parts.add(Predicates.equal("action", action.wireName())));
    query.since().ifPresent(since -> parts.add(
        Predicates.greaterEqual(KEY, AuditId.firstAt(since.toEpochMilli()).text())));
    if (parts.isEmpty()) {
      return Predicates.alwaysTrue();
    }
    return parts.size() == 1 ? parts.get(0) : Predicates.and(parts.toArray(Predicate[]::new));
  }
}
