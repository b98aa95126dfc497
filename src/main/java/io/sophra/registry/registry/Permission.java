package io.sophra.registry.registry;

/** What a caller may do. Roles map to these in configuration. */
public enum Permission {
  READ_MODEL, REGISTER_MODEL, UPDATE_MODEL, DELETE_MODEL, READ_AUDIT,
  /** Create, change and delete aliases (resolving one needs {@link #READ_MODEL}). */
  MANAGE_ALIAS,
  /** Append metric points to models (reading them needs {@link #READ_MODEL}). */
  WRITE_METRICS,
  /** Read every model whole for a backup ({@code GET /v1/export}). */
  EXPORT,
  /** Restore models from a backup ({@code POST /v1/import}), creating or overwriting them. */
  IMPORT
}
