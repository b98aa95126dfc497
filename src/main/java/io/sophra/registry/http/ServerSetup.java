package io.sophra.registry.http;

import io.sophra.registry.config.HttpSettings;
import io.sophra.registry.config.TlsSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * How each API verticle's HTTP server is set up, shared by all of them.
 *
 * @param limit the node's one cap on open connections
 * @param drainDelay how long the node drains before it stops (MODEL_REGISTRY_DRAIN_DELAY)
 * @param shutdownGrace how long the requests in flight may take to finish once it stops
 * @param tls the certificate and key read at start, when TLS is configured
 */
public record ServerSetup(HttpSettings http, ConnectionLimit limit, Duration drainDelay, Duration shutdownGrace,
    TlsSettings tlsSettings, Optional<ServerTls> tls) {
}
