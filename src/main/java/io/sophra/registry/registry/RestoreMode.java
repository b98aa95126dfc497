package io.sophra.registry.registry;

/** What {@link ModelRegistry#restoreModel} does with a model whose id is taken already. */
public enum RestoreMode {
  /** Leave the stored model as it is (the default of an import). */
  SKIP,
  /** Replace the stored model with the restored one. */
  OVERWRITE
}
