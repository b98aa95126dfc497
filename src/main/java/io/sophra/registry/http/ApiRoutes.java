package io.sophra.registry.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The route table: it reads like the API. Every {@code /v1} request is authenticated first (401
 * before its body is read), then has its body size-limited (413 past the limit, without reading the
 * rest), then reaches the handler named after its operation; permissions are checked below HTTP, in
 * the registry's decorator. Every failure leaves through {@link Problems}.
 */
public final class ApiRoutes {

  private ApiRoutes() {
  }

  public static Router create(Vertx vertx, ApiServices services, Buffer openApiDocument, int maxBodySize) {
    Router router = Router.router(vertx);
    ModelHandlers models = new ModelHandlers(services.registry());
    AuditHandlers audit = new AuditHandlers(services.audit());
    AliasHandlers aliases = new AliasHandlers(services.aliases());
    MetricHandlers metrics = new MetricHandlers(services.modelMetrics());
    HealthHandlers health = new HealthHandlers(vertx, services.readiness());

    router.get("/health/live").handler(health.live());
    router.get("/health/ready").handler(health.ready());
    router.get("/metrics").handler(services.metrics());
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml").end(openApiDocument));

    router.route("/v1/*").handler(services.authentication());
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(maxBodySize));

    router.post("/v1/models").handler(models::registerModel);
    // with ?sort=metric:NAME:desc the models in a metric's order, else (next) the list by id; READ_MODEL
    router.get("/v1/models").handler(metrics::listModelsByMetric).handler(models::listModels);
    router.post("/v1/models/_batchGet").handler(models::batchGetModels);
    router.get("/v1/models/:id").handler(models::getModel);
    router.patch("/v1/models/:id").handler(models::updateModel);
    router.delete("/v1/models/:id").handler(models::deleteModel);
    router.get("/v1/models/:id/history").handler(audit::modelHistory);

    router.get("/v1/audit").handler(audit::searchAudit);

    // metric points of a model; the permission each route needs (checked below HTTP, in SecuredModelMetrics) is noted
    router.post("/v1/models/:id/metrics").handler(metrics::appendMetrics);       // WRITE_METRICS
    router.get("/v1/models/:id/metrics").handler(metrics::readMetrics);          // READ_MODEL
    router.get("/v1/models/:id/metrics/latest").handler(metrics::latestMetrics); // READ_MODEL

    // aliases; the permission each route needs (checked below HTTP, in SecuredAliasRegistry) is noted
    router.put("/v1/aliases/:name").handler(aliases::putAlias);                  // MANAGE_ALIAS
    router.get("/v1/aliases").handler(aliases::listAliases);                     // READ_MODEL
    router.get("/v1/aliases/:name").handler(aliases::getAlias);                  // READ_MODEL
    router.delete("/v1/aliases/:name").handler(aliases::deleteAlias);            // MANAGE_ALIAS
    router.get("/v1/aliases/:name/resolve").handler(aliases::resolveAlias);      // READ_MODEL

    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Problems::handle);
    }
    return router;
  }
}
