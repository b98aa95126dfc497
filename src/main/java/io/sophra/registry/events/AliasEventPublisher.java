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
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.Instant;
import java.util.Optional;

/**
 * Publishes an {@link AliasEvent} on {@link EventAddresses#ALIASES_CHANGED} after each alias write of
 * the registry it wraps has succeeded, before the caller hears of the success: the one place alias
 * changes become events (as {@link EventPublishingRegistry} is for models), and so the place a change
 * feed hooks in. A failed or refused write publishes nothing, and neither does a PUT that changed
 * nothing. Reads and resolutions pass through. At most once, like the model events.
 */
public final class AliasEventPublisher implements AliasRegistry {

  private final AliasRegistry delegate;
  private final EventBus eventBus;

  private AliasEventPublisher(AliasRegistry delegate, EventBus eventBus) {
    this.delegate = delegate;
    this.eventBus = eventBus;
  }

  public static AliasRegistry create(AliasRegistry delegate, EventBus eventBus) {
    return new AliasEventPublisher(delegate, eventBus);
  }

  @Override
  public Future<AliasChange> putAlias(Caller caller, AliasName name, AliasDraft draft, Preconditions preconditions) {
    return delegate.putAlias(caller, name, draft, preconditions).map(change -> published(caller, change));
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
    return delegate.deleteAlias(caller, name, expectedEtag).map(change -> published(caller, change));
  }

  @Override
  public Future<Resolution> resolve(Caller caller, AliasName name, Optional<String> subject) {
    return delegate.resolve(caller, name, subject);
  }

  private AliasChange published(Caller caller, AliasChange change) {
    if (change.changedAnything()) {
      eventBus.publish(EventAddresses.ALIASES_CHANGED, AliasEvent.of(change, caller.subject(), Instant.now()).toJson());
    }
    return change;
  }
}
