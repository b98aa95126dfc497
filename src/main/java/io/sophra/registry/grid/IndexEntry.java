package io.sophra.registry.grid;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import java.util.UUID;

/**
 * What the list index ({@link ModelIndex}) holds per model: what choosing a page and ordering changes
 * need, not the model. The uid, a UUID the registry made, is kept as its two longs (16 bytes instead
 * of a 36-character string); one in another form is kept as it is. The base model is interned: few
 * models have a base model of their own. About 200 bytes per model with the map's node and the id.
 */
final class IndexEntry {

  private final long uidHigh;
  private final long uidLow;
  private final String uidText;
  private final long revision;
  private final ModelStatus status;
  private final String baseModel;

  IndexEntry(String uid, long revision, ModelStatus status, String baseModel) {
    UUID parsed = canonicalUuid(uid);
    this.uidHigh = parsed == null ? 0 : parsed.getMostSignificantBits();
    this.uidLow = parsed == null ? 0 : parsed.getLeastSignificantBits();
    this.uidText = parsed == null ? uid : null;
    this.revision = revision;
    this.status = status;
    this.baseModel = baseModel.intern();
  }

  static IndexEntry of(ModelConfig model) {
    return new IndexEntry(model.uid(), model.revision(), model.status(), model.baseModel());
  }

  long revision() {
    return revision;
  }

  ModelStatus status() {
    return status;
  }

  String baseModel() {
    return baseModel;
  }

  /** Whether this entry is of the incarnation {@code uid}. */
  boolean isOf(String uid) {
    if (uidText != null) {
      return uidText.equals(uid);
    }
    UUID parsed = canonicalUuid(uid);
    return parsed != null && parsed.getMostSignificantBits() == uidHigh && parsed.getLeastSignificantBits() == uidLow;
  }

  boolean sameIncarnation(IndexEntry other) {
    return uidText == null ? other.uidText == null && other.uidHigh == uidHigh && other.uidLow == uidLow
        : uidText.equals(other.uidText);
  }

  private static UUID canonicalUuid(String uid) {
    if (uid.length() != 36) {
      return null;
    }
    try {
      UUID parsed = UUID.fromString(uid);
      return parsed.toString().equals(uid) ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
