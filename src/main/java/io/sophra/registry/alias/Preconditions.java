package io.sophra.registry.alias;

import io.sophra.registry.model.Etags;
import java.util.Optional;

/**
 * The conditions of an alias write, as HTTP's {@code If-Match} and {@code If-None-Match} state them
 * (strong comparison, {@code *} and lists accepted): {@code If-Match} holds when the alias exists and
 * the header names its ETag; {@code If-None-Match} holds when the alias does not exist or the header
 * does not name its ETag, so {@code If-None-Match: *} means "create only".
 */
public record Preconditions(Optional<String> ifMatch, Optional<String> ifNoneMatch) {

  public static Preconditions none() {
    return new Preconditions(Optional.empty(), Optional.empty());
  }

  public static Preconditions ifMatch(String etag) {
    return new Preconditions(Optional.of(etag), Optional.empty());
  }

  /** Whether a write may go ahead given the alias as it is ({@code null}: absent). */
  public boolean allow(Alias current) {
    boolean matches = ifMatch.map(header -> current != null && Etags.matches(header, current.etag())).orElse(true);
    boolean noneMatch = ifNoneMatch.map(header -> current == null || !Etags.matches(header, current.etag()))
        .orElse(true);
    return matches && noneMatch;
  }

  /** The conditions in words, for an error message: {@code If-Match: "…"}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    ifMatch.ifPresent(header -> text.append("If-Match: ").append(header));
    ifNoneMatch.ifPresent(header -> text.append(text.length() > 0 ? ", " : "").append("If-None-Match: ").append(header));
    return text.toString();
  }
}
