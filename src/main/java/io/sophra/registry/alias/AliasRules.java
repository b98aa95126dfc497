package io.sophra.registry.alias;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of an alias's content and of a subject, each check adding to a list of field errors. */
public final class AliasRules {

  public static final int MAX_VARIANTS = 10;
  public static final int TOTAL_WEIGHT = 100;
  public static final int MAX_SALT_LENGTH = 128;
  public static final int MAX_DESCRIPTION_LENGTH = 1024;
  public static final int MAX_SUBJECT_LENGTH = 256;

  private AliasRules() {
  }

  /** 1 to 10 variants of distinct models, weights 0 to 100 summing to exactly 100. */
  static void checkVariants(String pointer, List<Variant> variants, List<FieldError> errors) {
    if (variants.isEmpty() || variants.size() > MAX_VARIANTS) {
      errors.add(new FieldError(pointer, "must hold 1 to " + MAX_VARIANTS + " variants, not " + variants.size()));
      return;
    }
    Set<ModelId> seen = new HashSet<>();
    int total = 0;
    for (int i = 0; i < variants.size(); i++) {
      Variant variant = variants.get(i);
      if (!seen.add(variant.modelId())) {
        errors.add(new FieldError(pointer + "/" + i + "/modelId", "names the same model as an earlier variant"));
      }
      if (variant.weight() < 0 || variant.weight() > TOTAL_WEIGHT) {
        errors.add(new FieldError(pointer + "/" + i + "/weight", "must be a whole number from 0 to " + TOTAL_WEIGHT));
      }
      total += variant.weight();
    }
    if (total != TOTAL_WEIGHT && errors.stream().noneMatch(error -> error.pointer().endsWith("/weight"))) {
      errors.add(new FieldError(pointer, "weights must sum to exactly " + TOTAL_WEIGHT + ", not " + total));
    }
  }

  static void checkSalt(String pointer, String salt, List<FieldError> errors) {
    checkText(pointer, salt, MAX_SALT_LENGTH, errors);
  }

  static void checkDescription(String pointer, String description, List<FieldError> errors) {
    if (!description.isEmpty()) {
      checkText(pointer, description, MAX_DESCRIPTION_LENGTH, errors);
    }
  }

  /** A subject of a resolution: 1 to 256 printable characters. */
  public static void checkSubject(String pointer, String subject, List<FieldError> errors) {
    checkText(pointer, subject, MAX_SUBJECT_LENGTH, errors);
  }

  private static void checkText(String pointer, String text, int maxLength, List<FieldError> errors) {
    int length = text.codePointCount(0, text.length());
    if (length == 0 || length > maxLength) {
      errors.add(new FieldError(pointer, "must be 1 to " + maxLength + " characters long"));
    } else if (!ModelRules.isPrintable(text)) {
      errors.add(new FieldError(pointer, "must not contain control or unprintable characters"));
    }
  }
}
