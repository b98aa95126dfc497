package io.sophra.registry.failure;

import java.util.List;

/**
 * A model that aliases route to may not leave {@code ready} for anything but {@code error}, and may
 * not be deleted; nothing was stored. Names the aliases, so the caller knows what to change first.
 */
public final class InUseByAliasException extends RegistryException {

  private final String modelId;
  private final List<String> aliases;

  /** @param attempted what was refused, in words: {@code "move to training"}, {@code "delete"} */
  public InUseByAliasException(String modelId, List<String> aliases, String attempted) {
    super("model '" + modelId + "' is a variant of alias" + (aliases.size() == 1 ? " " : "es ")
        + String.join(", ", aliases.stream().map(alias -> "'" + alias + "'").toList()) + ": cannot " + attempted
        + " it; remove it from " + (aliases.size() == 1 ? "that alias" : "those aliases") + " first (moving it to"
        + " error is allowed: resolution then skips it)");
    this.modelId = modelId;
    this.aliases = List.copyOf(aliases);
  }

  public String modelId() {
    return modelId;
  }

  /** The aliases routing to the model, sorted. */
  public List<String> aliases() {
    return aliases;
  }

  @Override
  public Kind kind() {
    return Kind.IN_USE_BY_ALIAS;
  }
}
