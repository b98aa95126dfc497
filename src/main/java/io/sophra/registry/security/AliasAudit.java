package io.sophra.registry.security;

import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasJson;
import io.sophra.registry.logging.RequestScope;
import io.sophra.registry.registry.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The audit entry of an alias change: action {@code alias_create|alias_update|alias_delete},
 * {@code modelId} {@code alias:<name>} (never a model id, so a model's history never shows it),
 * the alias's uid and revision after the change (its last for a deletion), and the fields touched:
 * {@code /variants} (the whole list, as {@code [{modelId, weight}]}), {@code /salt}, {@code /description}.
 */
final class AliasAudit {

  /** What {@code modelId} of an alias entry starts with. */
  static final String PREFIX = "alias:";

  private AliasAudit() {
  }

  static AuditEntry entry(Caller caller, AliasChange change) {
    Alias latest = change.latest();
    Instant at = (change.after() != null ? change.after().updatedAt() : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
    return new AuditEntry(null, at, caller.subject(), caller.roles().stream().sorted().toList(), action(change.type()),
        PREFIX + latest.name(), latest.uid(), latest.revision(), changes(change.before(), change.after()),
        OptionalLong.empty(), RequestScope.currentId().orElse(null));
  }

  private static AuditAction action(AliasChange.Type type) {
    return switch (type) {
      case CREATED -> AuditAction.ALIAS_CREATE;
      case UPDATED -> AuditAction.ALIAS_UPDATE;
      case DELETED -> AuditAction.ALIAS_DELETE;
    };
  }

  private static List<FieldChange> changes(Alias before, Alias after) {
    List<FieldChange> changes = new ArrayList<>();
    Map<String, Object> old = fields(before);
    Map<String, Object> now = fields(after);
    for (String field : List.of(AliasJson.VARIANTS, AliasJson.SALT, AliasJson.DESCRIPTION)) {
      if (!Objects.equals(old.get(field), now.get(field))) {
        changes.add(new FieldChange("/" + field, old.get(field), now.get(field)));
      }
    }
    return changes;
  }

  private static Map<String, Object> fields(Alias alias) {
    Map<String, Object> fields = new HashMap<>();
    if (alias != null) {
      fields.put(AliasJson.VARIANTS, alias.variants().stream().map(variant -> Map.<String, Object>of(
          AliasJson.MODEL_ID, variant.modelId().value(), AliasJson.WEIGHT, variant.weight())).toList());
      fields.put(AliasJson.SALT, alias.salt());
      fields.put(AliasJson.DESCRIPTION, alias.description());
    }
    return fields;
  }
}
