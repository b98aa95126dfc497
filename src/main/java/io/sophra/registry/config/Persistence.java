package io.sophra.registry.config;

/** Where the durable copy of the models lives. */
public enum Persistence {
  /** Only in the grid: models survive the loss of members up to the backup count, not a full stop. */
  MEMORY,
  /** Written through to Redis and loaded from it at start. */
  REDIS
}
