package io.sophra.registry.events;

/**
 * The event-bus addresses the registry publishes to. Subscribers on any clustered node (a registry
 * node, or a process that joined as a Hazelcast lite member) consume these.
 */
public final class EventAddresses {

  /** One {@link ModelEvent} as a {@code JsonObject} per successful registration, update and deletion. */
  public static final String MODELS_CHANGED = "models.changed";

  /** One {@link AliasEvent} as a {@code JsonObject} per successful creation, change and deletion of an alias. */
  public static final String ALIASES_CHANGED = "aliases.changed";

  /**
   * Request/reply: a range of the change log, for subscribers catching up on changes they missed
   * ({@link ChangeReads} serves it on every registry node; {@link ModelEventSubscriber} asks).
   */
  public static final String CHANGES_READ = "changes.read";

  private EventAddresses() {
  }
}
