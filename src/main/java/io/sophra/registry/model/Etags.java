package io.sophra.registry.model;

/** Strong entity tags naming a model's incarnation ({@code uid}) and its revision. */
public final class Etags {

  private Etags() {
  }

  public static String of(String uid, long revision) {
    return "\"" + uid + "." + revision + "\"";
  }

  /**
   * Whether {@code header} (an {@code If-Match} or {@code If-None-Match} value: {@code *}, one tag or
   * a comma-separated list, strong or weak) names {@code etag}. Strong comparison: a weak tag matches
   * nothing.
   */
  public static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
