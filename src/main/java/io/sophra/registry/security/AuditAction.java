package io.sophra.registry.security;

import io.sophra.registry.registry.Change;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a recorded change did to a model. */
public enum AuditAction {
  REGISTER, UPDATE, DELETE;

  public static AuditAction of(Change.Type type) {
    return switch (type) {
      case REGISTERED -> REGISTER;
      case UPDATED -> UPDATE;
      case DELETED -> DELETE;
    };
  }

  /** The name in JSON and query parameters: {@code register}, {@code update}, {@code delete}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AuditAction> fromWire(String name) {
    return Arrays.stream(values()).filter(action -> action.wireName().equals(name)).findFirst();
  }
}
