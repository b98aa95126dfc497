package io.sophra.registry.security;

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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The permission check of every alias call, below HTTP (like {@link SecuredRegistry} for
 * models): writes need {@code MANAGE_ALIAS}, reads and resolutions {@code READ_MODEL}. A call without
 * its permission fails with Forbidden before it reaches the store; a 409 or 412 is counted and logged
 * as a refusal. A successful write is recorded below, by the event publisher with
 * {@link AuditTrail#aliasChanges()}; a PUT that changed nothing records nothing.
 */
public final class SecuredAliasRegistry implements AliasRegistry {

  private final AliasRegistry delegate;
  private final Refusals refusals;
  private final PermissionCheck permissions;

  private SecuredAliasRegistry(AliasRegistry delegate, Refusals refusals) {
    this.delegate = delegate;
    this.refusals = refusals;
    this.permissions = new PermissionCheck(refusals);
  }

  public static AliasRegistry create(AliasRegistry delegate, Refusals refusals) {
    return new SecuredAliasRegistry(delegate, refusals);
  }

  @Override
  public Future<AliasChange> putAlias(Caller caller, AliasName name, AliasDraft draft, Preconditions preconditions) {
    return write(caller, Operation.PUT_ALIAS, () -> delegate.putAlias(caller, name, draft, preconditions));
  }

  @Override
  public Future<Alias> getAlias(Caller caller, AliasName name) {
    return checked(caller, Operation.GET_ALIAS, () -> delegate.getAlias(caller, name));
  }

  @Override
  public Future<AliasPage> listAliases(Caller caller, AliasQuery query) {
    return checked(caller, Operation.LIST_ALIASES, () -> delegate.listAliases(caller, query));
  }

  @Override
  public Future<AliasChange> deleteAlias(Caller caller, AliasName name, Optional<String> expectedEtag) {
    return write(caller, Operation.DELETE_ALIAS, () -> delegate.deleteAlias(caller, name, expectedEtag));
  }

  @Override
  public Future<Resolution> resolve(Caller caller, AliasName name, Optional<String> subject) {
    return checked(caller, Operation.RESOLVE_ALIAS, () -> delegate.resolve(caller, name, subject));
  }

  private Future<AliasChange> write(Caller caller, Operation operation, Supplier<Future<AliasChange>> call) {
    return checked(caller, operation, call)
        .onFailure(failure -> refusals.conflictOrStale(caller, operation.operationName(), Optional.empty(), failure));
  }

  private <T> Future<T> checked(Caller caller, Operation operation, Supplier<Future<T>> call) {
    return permissions.guard(caller, operation, Optional.empty(), call);
  }
}
