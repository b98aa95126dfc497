package io.sophra.registry.http;

import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasJson;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasPage;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.alias.Resolution;
import io.sophra.registry.model.Etags;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** The handlers of {@code /v1/aliases}, one per operation, each a flat chain into the alias registry. */
final class AliasHandlers {

  private static final Set<String> JSON_ONLY = Set.of(Requests.JSON);
  private static final JsonSplice.Field MODEL_FIELD = JsonSplice.field(AliasJson.RESOLVED_MODEL);

  private final AliasRegistry aliases;
  private final ModelBodies bodies;

  AliasHandlers(AliasRegistry aliases, ModelBodies bodies) {
    this.aliases = aliases;
    this.bodies = bodies;
  }

  void putAlias(RoutingContext ctx) {
    AliasName name = AliasParameters.name(ctx);
    var draft = AliasJson.readDraft(name, Requests.jsonObject(ctx, JSON_ONLY));
    aliases.putAlias(Callers.of(ctx), name, draft, AliasParameters.preconditions(ctx))
        .onSuccess(change -> {
          if (change.type() == AliasChange.Type.CREATED) {
            ctx.response().setStatusCode(201).putHeader("Location", "/v1/aliases/" + name);
          }
          sendAlias(ctx.response(), change.after());
        })
        .onFailure(ctx::fail);
  }

  void getAlias(RoutingContext ctx) {
    aliases.getAlias(Callers.of(ctx), AliasParameters.name(ctx))
        .onSuccess(alias -> {
          String ifNoneMatch = ctx.request().getHeader("If-None-Match");
          if (ifNoneMatch != null && Etags.matches(ifNoneMatch, alias.etag())) {
            ctx.response().setStatusCode(304).putHeader("ETag", alias.etag()).end();
          } else {
            sendAlias(ctx.response(), alias);
          }
        })
        .onFailure(ctx::fail);
  }

  void listAliases(RoutingContext ctx) {
    aliases.listAliases(Callers.of(ctx), AliasParameters.query(RequestTarget.queryParams(ctx)))
        .onSuccess(page -> sendJson(ctx.response(), pageJson(page)))
        .onFailure(ctx::fail);
  }

  void deleteAlias(RoutingContext ctx) {
    aliases.deleteAlias(Callers.of(ctx), AliasParameters.name(ctx),
            Optional.ofNullable(ctx.request().getHeader("If-Match")))
        .onSuccess(change -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** 200 with the chosen model's ETag, and which variant and why. */
  void resolveAlias(RoutingContext ctx) {
    aliases.resolve(Callers.of(ctx), AliasParameters.name(ctx), AliasParameters.subject(RequestTarget.queryParams(ctx)))
        .onSuccess(resolution -> answerResolution(ctx.response(), bodies, resolution))
        .onFailure(ctx::fail);
  }

  /** A resolution's 200, through the router or not ({@link DirectAliasResolve}): the chosen model's ETag, the body. */
  static void answerResolution(HttpServerResponse response, ModelBodies bodies, Resolution resolution) {
    ModelBodies.Encoded model = bodies.of(resolution.model());
    ModelHandlers.sendTagged(response, model.etag(), resolutionBody(resolution, model.body()));
  }

  /**
   * Exactly {@code AliasJson.toJson(resolution).toBuffer()}, with the model's body as encoded once
   * for every read of its revision ({@link ModelBodies}) instead of built and encoded again.
   */
  static Buffer resolutionBody(Resolution resolution, Buffer modelBody) {
    return JsonSplice.withLastField(AliasJson.resolutionWithoutModel(resolution), MODEL_FIELD, modelBody);
  }

  private static JsonObject pageJson(AliasPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(alias -> items.add(AliasJson.toJson(alias)));
    return new JsonObject().put("items", items)
        .put("nextCursor", page.nextAfter().map(AliasParameters::encode).orElse(null));
  }

  private static void sendAlias(HttpServerResponse response, Alias alias) {
    response.putHeader("ETag", alias.etag());
    sendJson(response, AliasJson.toJson(alias));
  }

  private static void sendJson(HttpServerResponse response, JsonObject body) {
    response.putHeader("Content-Type", Requests.JSON).end(body.toBuffer());
  }
}
