package io.sophra.registry.metrics;

import io.sophra.registry.failure.FieldError;
import io.sophra.registry.model.ModelRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The rules of a metric point, each check adding to a list of field errors. */
public final class MetricRules {

  public static final int MAX_NAME_LENGTH = 64;
  public static final int MAX_LABELS = 8;
  public static final int MAX_LABEL_KEY_LENGTH = 64;
  public static final int MAX_LABEL_VALUE_LENGTH = 128;
  public static final int MAX_POINTS_PER_REQUEST = 1000;
  /** How far ahead of the server's clock a point's {@code at} may lie (clock skew between services). */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  static final String NAME_RULE = "must be 1 to " + MAX_NAME_LENGTH + " characters of letters, digits, '_', '.', '-'"
      + " and '@', starting with a letter";
  static final String LABEL_KEY_RULE = "must be 1 to " + MAX_LABEL_KEY_LENGTH + " characters of letters, digits and"
      + " '_', starting with a letter or '_'";

  private MetricRules() {
  }

  /** Whether {@code name} is a metric name: {@code [A-Za-z][A-Za-z0-9_.@-]{0,63}}. */
  public static boolean isValidName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || !isLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isLetter(c) && !isDigit(c) && c != '_' && c != '.' && c != '-' && c != '@') {
        return false;
      }
    }
    return true;
  }

  static void checkName(String pointer, String name, List<FieldError> errors) {
    if (!isValidName(name)) {
      errors.add(new FieldError(pointer, NAME_RULE));
    }
  }

  static void checkValue(String pointer, double value, List<FieldError> errors) {
    if (!Double.isFinite(value)) {
      errors.add(new FieldError(pointer, "must be a finite number"));
    }
  }

  static void checkAt(String pointer, Instant at, Instant now, List<FieldError> errors) {
    if (at.isAfter(now.plus(MAX_FUTURE))) {
      errors.add(new FieldError(pointer, "must not lie more than " + MAX_FUTURE.toMinutes() + " minutes in the future"));
    }
  }

  static void checkLabels(String pointer, Map<String, String> labels, List<FieldError> errors) {
    if (labels.size() > MAX_LABELS) {
      errors.add(new FieldError(pointer, "may hold at most " + MAX_LABELS + " labels, not " + labels.size()));
      return;
    }
    labels.forEach((key, value) -> {
      String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
      if (!isValidLabelKey(key)) {
        errors.add(new FieldError(at, "is not a label name: " + LABEL_KEY_RULE));
      } else if (value.isEmpty() || value.codePointCount(0, value.length()) > MAX_LABEL_VALUE_LENGTH) {
        errors.add(new FieldError(at, "must be 1 to " + MAX_LABEL_VALUE_LENGTH + " characters long"));
      } else if (!ModelRules.isPrintable(value)) {
        errors.add(new FieldError(at, "must not contain control or unprintable characters"));
      }
    });
  }

  private static boolean isValidLabelKey(String key) {
    if (key.isEmpty() || key.length() > MAX_LABEL_KEY_LENGTH || !(isLetter(key.charAt(0)) || key.charAt(0) == '_')) {
      return false;
    }
    return key.chars().allMatch(c -> isLetter((char) c) || isDigit((char) c) || c == '_');
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
