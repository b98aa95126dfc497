package io.sophra.registry.http;

import io.sophra.registry.background.Blocking;
import io.sophra.registry.config.TlsSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code MODEL_REGISTRY_TLS_RELOAD_INTERVAL} looks at the certificate and key files'
 * modification times and sizes (on a worker thread): once they changed and then stayed unchanged for
 * one interval, it reads them again and hands the new material to the server
 * ({@code updateSSLOptions}); connections made from then on use it, open ones keep theirs. A renewal
 * that cannot be read (half written, a key that does not load) is logged and tried again at the next
 * look; the server keeps the material it has.
 */
final class CertificateReload {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateReload.class);

  private final Vertx vertx;
  private final TlsSettings settings;
  private volatile ServerTls current;
  /** The files' stamps seen at the last look, while they differ from what was read. */
  private volatile List<Object> settling;

  private CertificateReload(Vertx vertx, TlsSettings settings, ServerTls current) {
    this.vertx = vertx;
    this.settings = settings;
    this.current = current;
  }

  /** Starts watching for {@code server}, when it serves TLS and reloading is on. */
  static void watch(Vertx vertx, TlsSettings settings, Optional<ServerTls> tls, HttpServer server) {
    if (tls.isEmpty() || settings.reloadInterval().isZero()) {
      return;
    }
    CertificateReload reload = new CertificateReload(vertx, settings, tls.get());
    vertx.setPeriodic(settings.reloadInterval().toMillis(), timer -> reload.look(server));
  }

  private void look(HttpServer server) {
    Blocking.onWorker(vertx, this::renewal)
        .compose(renewed -> renewed.isEmpty() ? Future.succeededFuture(false)
            : server.updateSSLOptions(renewed.get().sslOptions()).onSuccess(updated -> current = renewed.get()))
        .onSuccess(updated -> {
          if (updated) {
            LOG.info("TLS certificate reloaded from {}", settings.cert().get());
          }
        })
        .onFailure(failure -> {
          if (!(failure instanceof Blocking.Stopping)) {
            LOG.warn("TLS certificate not reloaded, the server keeps the one it has: {}", failure.getMessage());
          }
        });
  }

  /** The renewed material, once the files changed and then stayed as they are for one interval (blocking). */
  private Optional<ServerTls> renewal() {
    List<Object> onDisk = current.stampsOnDisk();
    if (current.readFrom(onDisk)) {
      settling = null;
      return Optional.empty();
    }
    if (!onDisk.equals(settling)) {
      settling = onDisk;
      return Optional.empty();
    }
    settling = null;
    return ServerTls.load(vertx, settings);
  }
}
