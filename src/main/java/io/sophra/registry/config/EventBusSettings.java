package io.sophra.registry.config;

import java.util.List;
import java.util.Optional;

/**
 * Where this node's Vert.x event bus listens, and the address other nodes reach it at.
 *
 * @param port 0 picks a random port
 */
public record EventBusSettings(String host, int port, Optional<String> publicHost) {

  public static final Setting HOST = new Setting("MODEL_REGISTRY_EVENTBUS_HOST", "eventBus.host",
      "where this node's event bus listens");
  public static final Setting PORT = new Setting("MODEL_REGISTRY_EVENTBUS_PORT", "eventBus.port",
      "the event bus's port (0 picks a random port)");
  public static final Setting PUBLIC_HOST = new Setting("MODEL_REGISTRY_EVENTBUS_PUBLIC_HOST", "eventBus.publicHost",
      "the address other nodes use to reach this one (containers, NAT); empty: the host above");
  static final List<Setting> SETTINGS = List.of(HOST, PORT, PUBLIC_HOST);

  /** The same event bus confined to this machine (development mode): listening and advertised on 127.0.0.1. */
  public EventBusSettings confinedToLoopback() {
    return new EventBusSettings(ClusterSettings.LOOPBACK, port, Optional.empty());
  }

  static EventBusSettings read(SettingsSource source) {
    return new EventBusSettings(source.string(HOST), source.port(PORT), source.optional(PUBLIC_HOST));
  }
}
