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
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Permission;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The permission check and audit of every alias call, below HTTP (like {@link SecuredRegistry} for
 * models): writes need {@code MANAGE_ALIAS}, reads and resolutions {@code READ_MODEL}. A call without
 * its permission fails with Forbidden before it reaches the store; a successful write is recorded in
 * the audit log ({@link AliasAudit}); a PUT that changed nothing records nothing; a 409 or 412 is
 * counted and logged as a refusal.
 */
public final class SecuredAliasRegistry implements AliasRegistry {

  private final AliasRegistry delegate;
  private final AuditTrail trail;
  private final Refusals refusals;

  private SecuredAliasRegistry(AliasRegistry delegate, AuditTrail trail, Refusals refusals) {
    this.delegate = delegate;
    this.trail = trail;
    this.refusals = refusals;
  }

  public static AliasRegistry create(AliasRegistry delegate, AuditLog auditLog, Refusals refusals) {
    return new SecuredAliasRegistry(delegate, new AuditTrail(auditLog), refusals);
  }

  @Override
  public Future<AliasChange> putAlias(Caller caller, AliasName name, AliasDraft draft, Preconditions preconditions) {
    return write(caller, "putAlias", () -> delegate.putAlias(caller, name, draft, preconditions));
  }

  @Override
  public Future<Alias> getAlias(Caller caller, AliasName name) {
    return checked(caller, Permission.READ_MODEL, "getAlias", () -> delegate.getAlias(caller, name));
  }

  @Override
  public Future<AliasPage> listAliases(Caller caller, AliasQuery query) {
    return checked(caller, Permission.READ_MODEL, "listAliases", () -> delegate.listAliases(caller, query));
  }

  @Override
  public Future<AliasChange> deleteAlias(Caller caller, AliasName name, Optional<String> expectedEtag) {
    return write(caller, "deleteAlias", () -> delegate.deleteAlias(caller, name, expectedEtag));
  }

  @Override
  public Future<Resolution> resolve(Caller caller, AliasName name, Optional<String> subject) {
    return checked(caller, Permission.READ_MODEL, "resolveAlias", () -> delegate.resolve(caller, name, subject));
  }

  private Future<AliasChange> write(Caller caller, String operation, Supplier<Future<AliasChange>> call) {
    return checked(caller, Permission.MANAGE_ALIAS, operation, call)
        .onFailure(failure -> refusals.conflictOrStale(caller, operation, Optional.empty(), failure))
        .compose(change -> change.changedAnything() ? trail.record(AliasAudit.entry(caller, change)).map(change)
            : Future.succeededFuture(change));
  }

  private <T> Future<T> checked(Caller caller, Permission permission, String operation, Supplier<Future<T>> call) {
    if (!caller.may(permission)) {
      RegistryException.Forbidden forbidden = new RegistryException.Forbidden(caller.subject(), permission.name());
      refusals.forbidden(caller, operation, Optional.empty(), forbidden.getMessage());
      return Future.failedFuture(forbidden);
    }
    return call.get();
  }
}
