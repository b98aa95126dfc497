package io.sophra.registry.alias;

import io.sophra.registry.model.Etags;
import io.sophra.registry.model.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored alias: immutable, safe to share between threads and to keep in a Near Cache in object
 * form. {@code uid}, {@code revision} and the times are the server's; the ETag names both uid and
 * revision, like a model's, so an ETag read before a deletion never matches the alias created again.
 *
 * @param salt mixed into every subject's hash ({@link Routing}); the name unless the client chose one
 * @param description empty for none
 */
public record Alias(String name, List<Variant> variants, String salt, String description, Instant createdAt,
    Instant updatedAt, String uid, long revision) {

  public Alias {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(uid, "uid");
    variants = List.copyOf(variants);
  }

  /** A new alias from a draft: revision 1, created and updated {@code now}. */
  public static Alias create(AliasName name, AliasDraft draft, String uid, Instant now) {
    Instant at = Timestamps.truncate(now);
    return new Alias(name.value(), draft.variants(), draft.saltFor(name), draft.description(), at, at, uid, 1);
  }

  /** The strong entity tag of this revision, quotes included: {@code "<uid>.<revision>"}. */
  public String etag() {
    return Etags.of(uid, revision);
  }

  /** Whether {@code draft} holds exactly this alias's client-controlled content (a PUT that changes nothing). */
  public boolean holds(AliasDraft draft) {
    return variants.equals(draft.variants()) && salt.equals(draft.salt().orElse(name))
        && description.equals(draft.description());
  }

  /** The next revision of this alias holding {@code draft}'s content, updated {@code now}. */
  public Alias next(AliasDraft draft, Instant now) {
    return new Alias(name, draft.variants(), draft.salt().orElse(name), draft.description(), createdAt,
        Timestamps.truncate(now), uid, revision + 1);
  }

  /** Whether a variant of this alias routes to the model {@code modelId}. */
  public boolean routesTo(String modelId) {
    return variants.stream().anyMatch(variant -> variant.modelId().value().equals(modelId));
  }
}
