package io.sophra.registry.model;

import io.sophra.registry.failure.FieldError;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The model's field rules (DESIGN.md "The model"), each check adding to a list of field errors. */
public final class ModelRules {

  public static final int MAX_ID_LENGTH = 128;
  public static final int MAX_BASE_MODEL_LENGTH = 256;
  public static final int MAX_VERSION_LENGTH = 64;
  public static final int MAX_TREE_DEPTH = 16;
  public static final int MAX_TREE_BYTES = 64 * 1024;

  /** What a well-formed id is, in the words of every error about one. */
  public static final String ID_RULE = "is not a valid model id: 1 to " + MAX_ID_LENGTH + " characters of letters,"
      + " digits, '.', '_' and '-', starting with a letter or digit, without '..'";

  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+_-]+");

  private ModelRules() {
  }

  /**
   * Whether {@code id} is a well-formed model id. It runs on every lookup, so it is a plain loop over
   * the characters rather than a regular expression (which allocates a matcher per call).
   */
  public static boolean isValidId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !isLetterOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!isLetterOrDigit(c) && c != '_' && c != '-' && (c != '.' || id.charAt(i - 1) == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  public static void checkId(String pointer, String id, List<FieldError> errors) {
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      errors.add(new FieldError(pointer, "must be 1 to " + MAX_ID_LENGTH + " characters long"));
    } else if (!isValidId(id)) {
      errors.add(new FieldError(pointer, "must start with a letter or digit, use only letters, digits,"
          + " '.', '_' and '-', and never contain '..'"));
    }
  }

  public static void checkBaseModel(String pointer, String baseModel, List<FieldError> errors) {
    int length = baseModel.codePointCount(0, baseModel.length());
    if (length == 0 || length > MAX_BASE_MODEL_LENGTH) {
      errors.add(new FieldError(pointer, "must be 1 to " + MAX_BASE_MODEL_LENGTH + " characters long"));
    } else if (!isPrintable(baseModel)) {
      errors.add(new FieldError(pointer, "must not contain control or unprintable characters"));
    }
  }

  public static void checkVersion(String pointer, String version, List<FieldError> errors) {
    if (version.isEmpty() || version.length() > MAX_VERSION_LENGTH) {
      errors.add(new FieldError(pointer, "must be 1 to " + MAX_VERSION_LENGTH + " characters long"));
    } else if (!VERSION.matcher(version).matches()) {
      errors.add(new FieldError(pointer, "may use only letters, digits, '.', '+', '_' and '-'"));
    }
  }

  /** Checks every client-controlled field but the id; {@code null} means the field was missing or mistyped (reported already). */
  static void checkContent(String baseModel, String version, Map<String, Object> parameters,
      Map<String, Object> metadata, List<FieldError> errors) {
    if (baseModel != null) {
      checkBaseModel(ModelJson.pointer(ModelJson.BASE_MODEL), baseModel, errors);
    }
    if (version != null) {
      checkVersion(ModelJson.pointer(ModelJson.VERSION), version, errors);
    }
    if (parameters != null) {
      checkTree(ModelJson.pointer(ModelJson.PARAMETERS), parameters, errors);
    }
    if (metadata != null) {
      checkTree(ModelJson.pointer(ModelJson.METADATA), metadata, errors);
    }
  }

  /** Checks the depth and encoded size limits of {@code parameters} or {@code metadata}, and that its numbers are finite. */
  public static void checkTree(String pointer, Map<String, Object> tree, List<FieldError> errors) {
    if (JsonTree.depth(tree) > MAX_TREE_DEPTH) {
      errors.add(new FieldError(pointer, "must not nest deeper than " + MAX_TREE_DEPTH + " levels"));
    } else if (!JsonTree.finite(tree)) {
      errors.add(new FieldError(pointer, "must not hold a number beyond the range of a double (such as 1e400)"));
    } else if (JsonTree.encodedSize(tree) > MAX_TREE_BYTES) {
      errors.add(new FieldError(pointer, "must not exceed " + MAX_TREE_BYTES + " bytes as compact JSON"));
    }
  }

  /** Whether {@code text} has no control, format, unassigned, private-use or separator characters. */
  public static boolean isPrintable(String text) {
    return text.codePoints().allMatch(ModelRules::isPrintable);
  }

  private static boolean isPrintable(int codePoint) {
    int type = Character.getType(codePoint);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
        && type != Character.UNASSIGNED && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
  }
}
