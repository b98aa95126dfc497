package io.sophra.registry.alias;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an alias write did: the alias before ({@code null} when created) and after ({@code null} when
 * deleted), and once the change log took it, its {@code sequence} there. Audit and events read it, so
 * they never need a second read. A PUT that changes nothing has {@code before == after} and is not a
 * change at all (and has no sequence).
 */
public record AliasChange(Type type, Alias before, Alias after, OptionalLong sequence) {

  public enum Type { CREATED, UPDATED, DELETED }

  /** A change as the store made it, not (yet) in the change log. */
  public AliasChange(Type type, Alias before, Alias after) {
    this(type, before, after, OptionalLong.empty());
  }

  public static AliasChange created(Alias after) {
    return new AliasChange(Type.CREATED, null, after);
  }

  public static AliasChange updated(Alias before, Alias after) {
    return new AliasChange(Type.UPDATED, before, after);
  }

  public static AliasChange deleted(Alias before) {
    return new AliasChange(Type.DELETED, before, null);
  }

  /** This change as the change log numbered it. */
  public AliasChange withSequence(long assigned) {
    return new AliasChange(type, before, after, OptionalLong.of(assigned));
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
