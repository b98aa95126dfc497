package io.sophra.registry.alias;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client sends to create or replace an alias: its variants (in the order that lays out their
 * buckets), an optional salt (default: the alias's name) and an optional description. A draft keeps
 * every rule of {@link AliasRules}: {@link #of} and {@link AliasJson#readDraft} check them, so the
 * registry needs no second look. Whether the variants' models exist and are ready is the registry's
 * to check, at write time.
 */
public final class AliasDraft {

  private final List<Variant> variants;
  private final Optional<String> salt;
  private final String description;

  /** Only for values checked already, by this package's readers. */
  AliasDraft(List<Variant> variants, Optional<String> salt, String description) {
    this.variants = List.copyOf(variants);
    this.salt = Objects.requireNonNull(salt, "salt");
    this.description = Objects.requireNonNull(description, "description");
  }

  /**
   * A draft for an in-process caller, checked against every rule.
   *
   * @param salt empty for the default (the alias's name)
   * @param description empty for none
   * @throws InvalidModelException naming every field that is wrong
   */
  public static AliasDraft of(List<Variant> variants, Optional<String> salt, String description) {
    List<FieldError> errors = new ArrayList<>();
    AliasRules.checkVariants(AliasJson.pointer(AliasJson.VARIANTS), variants, errors);
    salt.ifPresent(value -> AliasRules.checkSalt(AliasJson.pointer(AliasJson.SALT), value, errors));
    AliasRules.checkDescription(AliasJson.pointer(AliasJson.DESCRIPTION), description, errors);
    if (!errors.isEmpty()) {
      throw new InvalidModelException(errors);
    }
    return new AliasDraft(variants, salt, description);
  }

  public List<Variant> variants() {
    return variants;
  }

  /** The salt asked for; empty means the alias's name. */
  public Optional<String> salt() {
    return salt;
  }

  /** The description; empty for none. */
  public String description() {
    return description;
  }

  /** The salt this draft gives the alias named {@code name}. */
  public String saltFor(AliasName name) {
    return salt.orElse(name.value());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AliasDraft draft && variants.equals(draft.variants) && salt.equals(draft.salt)
        && description.equals(draft.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(variants, salt, description);
  }

  @Override
  public String toString() {
    return "AliasDraft[variants=" + variants + ", salt=" + salt + "]";
  }
}
