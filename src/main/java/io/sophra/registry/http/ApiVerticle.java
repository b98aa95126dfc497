package io.sophra.registry.http;

import io.sophra.registry.config.HttpSettings;
import io.sophra.registry.config.TlsSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the HTTP API. Deployed once per core; the instances share the listening port and one
 * {@link ConnectionLimit}. Idle connections are closed after {@code MODEL_REGISTRY_HTTP_IDLE_TIMEOUT}.
 * Its start completes only once the server listens, so a port clash fails start-up.
 *
 * <p>With TLS ({@link ServerTls}) it serves HTTPS only, and every {@code MODEL_REGISTRY_TLS_RELOAD_INTERVAL}
 * looks at the files' modification times and sizes (on a worker thread): once they changed and then
 * stayed unchanged for one interval, it reads them again and hands the new material to its server
 * ({@code updateSSLOptions}); connections made from then on
 * use it, open ones keep theirs. A renewal that cannot be read (half written, a key that does not load)
 * is logged and tried again at the next look; the server keeps the material it has.
 */
public final class ApiVerticle extends VerticleBase {

  public static final String OPENAPI_RESOURCE = "openapi.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

  private final ApiServices services;
  private final HttpSettings http;
  private final ConnectionLimit connections;
  private final TlsSettings tlsSettings;
  private volatile Optional<ServerTls> tls;
  /** The files' stamps seen at the last look, while they differ from what was read. */
  private volatile List<Object> settling;

  public ApiVerticle(ApiServices services, HttpSettings http, ConnectionLimit connections, TlsSettings tlsSettings,
      Optional<ServerTls> tls) {
    this.services = services;
    this.http = http;
    this.connections = connections;
    this.tlsSettings = tlsSettings;
    this.tls = tls;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(http.host()).setPort(http.port())
        .setIdleTimeout((int) http.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    tls.ifPresent(material -> material.applyTo(options));
    return vertx.fileSystem().readFile(OPENAPI_RESOURCE)
        .map(document -> ApiRoutes.create(vertx, services, document, http.maxBodySize()))
        .compose(router -> vertx.createHttpServer(options)
            .connectionHandler(connections)
            .invalidRequestHandler(InvalidRequests::answer)
            .requestHandler(router)
            .listen())
        .onSuccess(this::watchCertificates);
  }

  /**
   * The renewed material, once the files changed and then stayed as they are for one interval, so a
   * key and a certificate written one after the other are read together (blocking).
   */
  private Optional<ServerTls> renewal() {
    List<Object> onDisk = tls.get().stampsOnDisk();
    if (tls.get().readFrom(onDisk)) {
      settling = null;
      return Optional.empty();
    }
    if (!onDisk.equals(settling)) {
      settling = onDisk;
      return Optional.empty();
    }
    settling = null;
    return ServerTls.load(vertx, tlsSettings);
  }

  private void watchCertificates(HttpServer server) {
    if (tls.isEmpty() || tlsSettings.reloadInterval().isZero()) {
      return;
    }
    vertx.setPeriodic(tlsSettings.reloadInterval().toMillis(), timer -> vertx.executeBlocking(this::renewal, false)
        .compose(renewed -> renewed.isEmpty() ? Future.succeededFuture(false)
            : server.updateSSLOptions(renewed.get().sslOptions()).onSuccess(updated -> tls = renewed))
        .onSuccess(updated -> {
          if (updated) {
            LOG.info("TLS certificate reloaded from {}", tlsSettings.cert().get());
          }
        })
        .onFailure(failure -> LOG.warn("TLS certificate not reloaded, the server keeps the one it has: {}",
            failure.getMessage())));
  }
}
