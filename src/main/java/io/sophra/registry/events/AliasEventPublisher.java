package io.sophra.registry.events;

import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasDraft;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasPage;
import io.sophra.registry.alias.AliasQuery;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.alias.Preconditions;
import io.sophra.registry.alias.Resolution;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ChangeRecorder;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place stored alias changes become feed entries and events, as {@link EventPublishingRegistry}
 * is for models: after each alias write of the registry it wraps has succeeded, appends the change to
 * the {@link ChangeLog} (one sequence shared with the models' changes) while a {@link ChangeRecorder}
 * records it (the audit trail), then publishes the {@link AliasEvent} with that {@code sequence} on
 * {@link EventAddresses#ALIASES_CHANGED}, and hands the {@link AliasChange} up with it, before the
 * caller hears of the success. A failed or refused write appends, records and publishes nothing, and
 * neither does a PUT that changed nothing; a failed append is a 503 for a change that is stored (and
 * recorded). Reads and resolutions pass through.
 */
public final class AliasEventPublisher implements AliasRegistry {

  private final AliasRegistry delegate;
  private final EventBus eventBus;
  private final ChangeAppender log;
  private final ChangeRecorder<AliasChange> recorder;

  private AliasEventPublisher(AliasRegistry delegate, EventBus eventBus, ChangeLog log,
      ChangeRecorder<AliasChange> recorder) {
    this.delegate = delegate;
    this.eventBus = eventBus;
    this.log = new ChangeAppender(log);
    this.recorder = recorder;
  }

  public static AliasRegistry create(AliasRegistry delegate, EventBus eventBus, ChangeLog log,
      ChangeRecorder<AliasChange> recorder) {
    return new AliasEventPublisher(delegate, eventBus, log, recorder);
  }

  @Override
  public Future<AliasChange> putAlias(Caller caller, AliasName name, AliasDraft draft, Preconditions preconditions) {
    return delegate.putAlias(caller, name, draft, preconditions).compose(change -> published(caller, change));
  }

  @Override
  public Future<Alias> getAlias(Caller caller, AliasName name) {
    return delegate.getAlias(caller, name);
  }

  @Override
  public Future<AliasPage> listAliases(Caller caller, AliasQuery query) {
    return delegate.listAliases(caller, query);
  }

  @Override
  public Future<AliasChange> deleteAlias(Caller caller, AliasName name, Optional<String> expectedEtag) {
    return delegate.deleteAlias(caller, name, expectedEtag).compose(change -> published(caller, change));
  }

  @Override
  public Future<Resolution> resolve(Caller caller, AliasName name, Optional<String> subject) {
    return delegate.resolve(caller, name, subject);
  }

  private Future<AliasChange> published(Caller caller, AliasChange change) {
    if (!change.changedAnything()) {
      return Future.succeededFuture(change);
    }
    AliasEvent event = AliasEvent.of(change, caller.subject(), Instant.now());
    return log.append(ChangeRecord.of(event), () -> recorder.record(caller, change)).map(sequence -> {
      eventBus.publish(EventAddresses.ALIASES_CHANGED, event.withSequence(sequence).toJson());
      return change.withSequence(sequence);
    });
  }
}
