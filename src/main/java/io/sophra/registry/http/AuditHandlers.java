package io.sophra.registry.http;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.security.AuditJson;
import io.sophra.registry.security.AuditPage;
import io.sophra.registry.security.AuditQueries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The audit routes: one model's history and the search over every entry, newest first. */
final class AuditHandlers {

  private final AuditQueries audit;

  AuditHandlers(AuditQueries audit) {
    this.audit = audit;
  }

  void modelHistory(RoutingContext ctx) {
    ModelId id = ModelHandlers.pathId(ctx);
    audit.history(Callers.of(ctx), id, AuditParameters.history(id, RequestTarget.queryParams(ctx)))
        .onSuccess(page -> send(ctx, page))
        .onFailure(ctx::fail);
  }

  void searchAudit(RoutingContext ctx) {
    audit.search(Callers.of(ctx), AuditParameters.search(RequestTarget.queryParams(ctx)))
        .onSuccess(page -> send(ctx, page))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, AuditPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(entry -> items.add(AuditJson.toJson(entry)));
    JsonObject body = new JsonObject().put("items", items)
        .put("nextCursor", page.nextBefore().map(Cursors::encodeAudit).orElse(null));
    ctx.response().putHeader("Content-Type", Requests.JSON).end(body.toBuffer());
  }
}
