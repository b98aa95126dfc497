package io.sophra.registry.registry;

/** What a caller may do. Roles map to these in configuration. */
public enum Permission {
  READ_MODEL, REGISTER_MODEL, UPDATE_MODEL, DELETE_MODEL, READ_AUDIT
}
