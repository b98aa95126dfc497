package io.sophra.registry.security;

import java.util.AbstractList;
import java.util.List;

/**
 * An audit entry's changes: an immutable list that keeps its JSON text (the encoding of
 * {@link AuditJson#changesJson}) once it is made or read, and reads the text into changes only when
 * one is asked for. On the write path an entry's changes are measured ({@code AuditDiff}), sent to
 * the audit map's owner, stored there and backed up, all as that one text: made once on the node that
 * took the request, never parsed on the members that only store it.
 *
 * <p>Both forms are computed at most once per instance and never change; a race between two threads
 * computes the same value twice, which is harmless.
 */
public final class FieldChanges extends AbstractList<FieldChange> {

  private static final FieldChanges NONE = new FieldChanges(List.of(), "[]");

  private List<FieldChange> items;
  private String json;

  private FieldChanges(List<FieldChange> items, String json) {
    this.items = items;
    this.json = json;
  }

  /** {@code changes} as such a list (itself when it is one already). */
  public static FieldChanges of(List<FieldChange> changes) {
    if (changes instanceof FieldChanges kept) {
      return kept;
    }
    return changes.isEmpty() ? NONE : new FieldChanges(List.copyOf(changes), null);
  }

  /** The changes {@code json} holds (as {@link #json} writes them), read when first asked for; null is none. */
  public static FieldChanges fromJson(String json) {
    return json == null ? NONE : new FieldChanges(null, json);
  }

  /** The compact JSON array of the changes, encoded once. */
  public String json() {
    String encoded = json;
    if (encoded == null) {
      encoded = AuditJson.changesJson(items).encode();
      json = encoded;
    }
    return encoded;
  }

  private List<FieldChange> items() {
    List<FieldChange> read = items;
    if (read == null) {
      read = AuditJson.parseChanges(json);
      items = read;
    }
    return read;
  }

  @Override
  public FieldChange get(int index) {
    return items().get(index);
  }

  @Override
  public int size() {
    return items().size();
  }
}
