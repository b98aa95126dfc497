package io.sophra.registry.tokens;

import io.sophra.registry.config.RegistryConfig;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The loud warning a node in development mode prints once it is ready, with one admin token. */
public final class DevelopmentBanner {

  static final Duration ADMIN_TOKEN_TTL = Duration.ofHours(24);
  private static final Logger LOG = LoggerFactory.getLogger("io.sophra.registry.RegistryNode");

  private DevelopmentBanner() {
  }

  public static void print(RegistryConfig config, TokenSetup tokens) {
    Duration ttl = ADMIN_TOKEN_TTL.compareTo(tokens.rules().maxLifetime()) > 0 ? tokens.rules().maxLifetime()
        : ADMIN_TOKEN_TTL;
    String token = tokens.minter().orElseThrow().mint("dev-admin", List.of("admin"), ttl);
    LOG.warn("""

        ***********************************************************************************
        DEVELOPMENT MODE: no token key is configured (MODEL_REGISTRY_JWT_SECRET or
        MODEL_REGISTRY_JWT_PUBLIC_KEY). Tokens are signed with the development secret in
        {}. HTTP ({}:{}), the cluster member and the event bus listen on 127.0.0.1 only
        and join no member beyond this machine. Never run a shared or production node like this.
        Admin token (valid {}; mint more with: java -jar model-registry.jar token --sub NAME --roles reader):
        {}
        ***********************************************************************************""",
        config.node().dataDir().resolve(DevelopmentMode.SECRET_FILE).toAbsolutePath(), config.http().host(),
        config.http().port(), ttl.toMinutes() % 60 == 0 ? ttl.toHours() + " h" : ttl.toMinutes() + " min", token);
  }
}
