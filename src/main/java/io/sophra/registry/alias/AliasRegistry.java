package io.sophra.registry.alias;

import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.registry.Caller;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Aliases: names that route to one of several {@code ready} models by weight, sticky per subject
 * (see {@link Routing}). HTTP calls it, and so may any verticle on a registry node
 * ({@code RegistryNode.aliases()}), to resolve without HTTP. Like
 * {@link io.sophra.registry.registry.ModelRegistry}, every method takes the {@link Caller} first and
 * returns a Future failing with a {@link RegistryException}; a failed call changes nothing.
 * Managing aliases needs {@code MANAGE_ALIAS}; reading and resolving them {@code READ_MODEL}.
 *
 * <p>Consistency with the models: an alias only ever routes to models that are {@code ready} or in
 * {@code error}. Creating or changing it fails with VariantNotReady unless every variant's model
 * exists and is ready; while it routes to a model, moving that model to {@code training} or
 * {@code initializing}, or deleting it, fails with InUseByAlias (moving it to {@code error} is
 * allowed: resolution skips it).
 */
public interface AliasRegistry {

  /**
   * Creates the alias (revision 1) or replaces its content (next revision) if {@code preconditions}
   * allow; fails with VariantNotReady, RevisionMismatch (a precondition failed), RegistryFull (the
   * alias cap). A PUT of the content the alias holds already stores nothing.
   */
  Future<AliasChange> putAlias(Caller caller, AliasName name, AliasDraft draft, Preconditions preconditions);

  /** The alias; fails with NotFound. */
  Future<Alias> getAlias(Caller caller, AliasName name);

  /** A page of aliases sorted by name. */
  Future<AliasPage> listAliases(Caller caller, AliasQuery query);

  /** Deletes the alias, if {@code expectedEtag} (when present) names its current revision. */
  Future<AliasChange> deleteAlias(Caller caller, AliasName name, Optional<String> expectedEtag);

  /**
   * Chooses a model: by the subject's stable bucket when a subject is given, at random by weight
   * otherwise, skipping variants whose model is in error (see {@link Routing}). Answered from local
   * memory on a warm node. Fails with NotFound (no such alias) or NoReadyVariant.
   *
   * @param subject checked by {@link AliasRules#checkSubject} already
   */
  Future<Resolution> resolve(Caller caller, AliasName name, Optional<String> subject);
}
