package io.sophra.registry.model;

import java.util.Map;

/**
 * How a free-form tree ({@code parameters}, {@code metadata}) is kept in the grid: its compact JSON
 * text, or, when that text is long and shrinks, the text deflated. Exactly one of the two is set. A
 * tree read back ({@link #tree()}) keeps the same form, so writing it again deflates nothing and a
 * model in the Near Cache holds the smaller form too; the text is inflated only when the tree is read.
 *
 * @param text the compact JSON text, or {@code null}
 * @param deflated the text deflated ({@link TextDeflation}), or {@code null}
 */
public record StoredTree(String text, byte[] deflated) {

  public StoredTree {
    if ((text == null) == (deflated == null)) {
      throw new IllegalArgumentException("a stored tree is either text or deflated text");
    }
  }

  /** How {@code tree} is kept: as it was read, for a tree read from the grid; else encoded now. */
  public static StoredTree of(Map<String, Object> tree) {
    if (tree instanceof JsonText read) {
      return read.stored();
    }
    String text = JsonTree.toText(tree);
    byte[] deflated = TextDeflation.deflate(text);
    return deflated == null ? new StoredTree(text, null) : new StoredTree(null, deflated);
  }

  /** The frozen tree this stands for, parsed only when read ({@link JsonText}). */
  public Map<String, Object> tree() {
    return new JsonText(this);
  }
}
