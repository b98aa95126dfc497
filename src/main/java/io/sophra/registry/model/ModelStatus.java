package io.sophra.registry.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a model is in its life. The allowed moves are the lifecycle of DESIGN.md:
 * {@code initializing → training | ready | error}, {@code training → ready | error},
 * {@code ready → training | error}, {@code error → initializing | training}.
 * Staying in the same status is always allowed (it is not a move).
 */
public enum ModelStatus {
  INITIALIZING, TRAINING, READY, ERROR;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in JSON. */
  public String wireName() {
    return wireName;
  }

  /** The status named {@code wireName} in JSON, if there is one. */
  public static Optional<ModelStatus> fromWire(String wireName) {
    for (ModelStatus status : values()) {
      if (status.wireName.equals(wireName)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** The statuses this one may move to. */
  public Set<ModelStatus> next() {
    return switch (this) {
      case INITIALIZING -> EnumSet.of(TRAINING, READY, ERROR);
      case TRAINING -> EnumSet.of(READY, ERROR);
      case READY -> EnumSet.of(TRAINING, ERROR);
      case ERROR -> EnumSet.of(INITIALIZING, TRAINING);
    };
  }

  /** Whether a model in this status may be put in {@code target}; the same status is always allowed. */
  public boolean canMoveTo(ModelStatus target) {
    return this == target || next().contains(target);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
