package io.sophra.registry.http;

import static io.sophra.registry.security.Operation.APPEND_METRICS;
import static io.sophra.registry.security.Operation.DELETE_ALIAS;
import static io.sophra.registry.security.Operation.DELETE_MODEL;
import static io.sophra.registry.security.Operation.EXPORT_MODELS;
import static io.sophra.registry.security.Operation.GET_ALIAS;
import static io.sophra.registry.security.Operation.GET_MODEL;
import static io.sophra.registry.security.Operation.GET_MODELS;
import static io.sophra.registry.security.Operation.IMPORT_MODELS;
import static io.sophra.registry.security.Operation.LATEST_METRICS;
import static io.sophra.registry.security.Operation.LIST_ALIASES;
import static io.sophra.registry.security.Operation.LIST_MODELS;
import static io.sophra.registry.security.Operation.MODEL_HISTORY;
import static io.sophra.registry.security.Operation.PUT_ALIAS;
import static io.sophra.registry.security.Operation.READ_METRICS;
import static io.sophra.registry.security.Operation.REGISTER_MODEL;
import static io.sophra.registry.security.Operation.RESOLVE_ALIAS;
import static io.sophra.registry.security.Operation.SEARCH_AUDIT;
import static io.sophra.registry.security.Operation.UPDATE_MODEL;
import static io.sophra.registry.security.Operation.WATCH_CHANGES;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The route table: it reads like the API. Every request first has its path checked for
 * well-formed percent-encoding. Every {@code /v1} request is then authenticated (401), authorized for
 * its operation (403), and only then has its body read, size-limited (413 past the limit, without
 * reading the rest), and its parameters and body checked by the handler named after its operation.
 * Every failure leaves through {@link Problems}; requests the HTTP codec could not parse never get
 * here ({@link InvalidRequests}).
 */
public final class ApiRoutes {

  private ApiRoutes() {
  }

  public static Router create(Vertx vertx, ApiServices services, Buffer openApiDocument, int maxBodySize) {
    Router router = Router.router(vertx);
    ModelHandlers models = new ModelHandlers(services.registry(), services.bodies());
    AuditHandlers audit = new AuditHandlers(services.audit());
    AliasHandlers aliases = new AliasHandlers(services.aliases(), services.bodies());
    MetricHandlers metrics = new MetricHandlers(services.modelMetrics());
    HealthHandlers health = new HealthHandlers(vertx, services.readiness());

    router.route().handler(services.accessLog().firstStep(router));
    router.route().handler(RequestTarget::checkPath);
    router.get("/health/live").handler(health.live());
    router.get("/health/ready").handler(health.ready());
    router.get("/metrics").handler(services.metrics());
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml").end(openApiDocument));
    ApiDocs.mount(router);

    router.route("/v1/*").handler(services.authentication());
    PermissionStep permission = new PermissionStep(services.permissions());
    // vertx-web would order a BodyHandler before any authorization step of its route; here the body is
    // read only once the permission is known, so it runs as a plain step after that one
    Handler<RoutingContext> body = BodyHandler.create(false).setBodyLimit(maxBodySize)::handle;
    // routes that take no body (GET, DELETE) skip the BodyHandler for a request that sends none, nearly
    // every one of them; a request that does declare a body still has it read, and refused past the limit
    Handler<RoutingContext> noBody = ctx -> {
      if (declaresBody(ctx.request())) {
        body.handle(ctx);
      } else {
        ctx.next();
      }
    };

    router.post("/v1/models").handler(permission.of(REGISTER_MODEL))
        .handler(body).handler(models::registerModel);
    // with ?sort=metric:NAME:desc the models in a metric's order, else (next) the list by id
    router.get("/v1/models").handler(permission.of(LIST_MODELS))
        .handler(noBody).handler(metrics::listModelsByMetric).handler(models::listModels);
    router.post("/v1/models/_batchGet").handler(permission.of(GET_MODELS))
        .handler(body).handler(models::batchGetModels);
    router.get("/v1/models/:id").handler(permission.of(GET_MODEL))
        .handler(noBody).handler(models::getModel);
    router.patch("/v1/models/:id").handler(permission.of(UPDATE_MODEL))
        .handler(body).handler(models::updateModel);
    router.delete("/v1/models/:id").handler(permission.of(DELETE_MODEL))
        .handler(noBody).handler(models::deleteModel);
    router.get("/v1/models/:id/history").handler(permission.of(MODEL_HISTORY))
        .handler(noBody).handler(audit::modelHistory);

    router.get("/v1/audit").handler(permission.of(SEARCH_AUDIT))
        .handler(noBody).handler(audit::searchAudit);

    router.post("/v1/models/:id/metrics").handler(permission.of(APPEND_METRICS))
        .handler(body).handler(metrics::appendMetrics);
    router.get("/v1/models/:id/metrics").handler(permission.of(READ_METRICS))
        .handler(noBody).handler(metrics::readMetrics);
    router.get("/v1/models/:id/metrics/latest").handler(permission.of(LATEST_METRICS))
        .handler(noBody).handler(metrics::latestMetrics);

    router.put("/v1/aliases/:name").handler(permission.of(PUT_ALIAS))
        .handler(body).handler(aliases::putAlias);
    router.get("/v1/aliases").handler(permission.of(LIST_ALIASES))
        .handler(noBody).handler(aliases::listAliases);
    router.get("/v1/aliases/:name").handler(permission.of(GET_ALIAS))
        .handler(noBody).handler(aliases::getAlias);
    router.delete("/v1/aliases/:name").handler(permission.of(DELETE_ALIAS))
        .handler(noBody).handler(aliases::deleteAlias);
    router.get("/v1/aliases/:name/resolve").handler(permission.of(RESOLVE_ALIAS))
        .handler(noBody).handler(aliases::resolveAlias);

    BackupHandlers backups = new BackupHandlers(services.registry(), services.aliases(),
        services.backup().maxImportSize(), maxBodySize);
    router.get("/v1/export").handler(permission.of(EXPORT_MODELS)).handler(noBody).handler(backups::exportModels);
    // no BodyHandler: an import is read as a stream, line by line, under its own size limit
    router.post("/v1/import").handler(permission.of(IMPORT_MODELS)).handler(backups::importModels);
    FeedStreams feed = services.feed();
    router.get("/v1/events").handler(permission.of(WATCH_CHANGES))
        .handler(noBody).handler(ctx -> feed.streamChanges(ctx));

    router.route().failureHandler(Problems::handle);
    for (int status = 400; status < 600; status++) {
      int answered = status;
      router.errorHandler(status, ctx -> Problems.handle(ctx, answered));
    }
    return router;
  }

  /** Whether {@code request} says a body follows: a non-zero Content-Length, or a Transfer-Encoding. */
  static boolean declaresBody(HttpServerRequest request) {
    MultiMap headers = request.headers();
    if (headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
      return true;
    }
    String length = headers.get(HttpHeaders.CONTENT_LENGTH);
    return length != null && !length.equals("0");
  }
}
