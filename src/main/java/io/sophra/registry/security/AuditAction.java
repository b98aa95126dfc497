package io.sophra.registry.security;

import io.sophra.registry.registry.Change;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a recorded change did: to a model ({@code register}, {@code update}, {@code delete}) or to an
 * alias ({@code alias_create}, {@code alias_update}, {@code alias_delete}; such entries name the alias
 * as {@code alias:<name>} in {@code modelId}, which no model id can be), or a model restored from a
 * backup ({@code import}).
 */
public enum AuditAction {
  REGISTER, UPDATE, DELETE, ALIAS_CREATE, ALIAS_UPDATE, ALIAS_DELETE,
  /** A model created or overwritten by {@code POST /v1/import}. */
  IMPORT;

  public static AuditAction of(Change.Type type) {
    return switch (type) {
      case REGISTERED -> REGISTER;
      case UPDATED -> UPDATE;
      case DELETED -> DELETE;
    };
  }

  /** The name in JSON and query parameters: {@code register}, {@code update}, {@code delete}, {@code alias_create}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AuditAction> fromWire(String name) {
    return Arrays.stream(values()).filter(action -> action.wireName().equals(name)).findFirst();
  }
}
