package io.sophra.registry.alias;

import java.util.Optional;

/**
 * What an alias write did: the alias before ({@code null} when created) and after ({@code null} when
 * deleted). Audit and events read it, so they never need a second read. A PUT that changes nothing
 * has {@code before == after} and is not a change at all.
 */
public record AliasChange(Type type, Alias before, Alias after) {

  public enum Type { CREATED, UPDATED, DELETED }

  public static AliasChange created(Alias after) {
    return new AliasChange(Type.CREATED, null, after);
  }

  public static AliasChange updated(Alias before, Alias after) {
    return new AliasChange(Type.UPDATED, before, after);
  }

  public static AliasChange deleted(Alias before) {
    return new AliasChange(Type.DELETED, before, null);
  }

  /** The alias as it is now, or as it was last for a deletion. */
  public Alias latest() {
    return after != null ? after : before;
  }

  /** Whether anything was stored; a PUT of the same content stores nothing. */
  public boolean changedAnything() {
    return type != Type.UPDATED || before.revision() != after.revision();
  }

  public Optional<Alias> afterIfPresent() {
    return Optional.ofNullable(after);
  }
}
