package io.sophra.registry.http;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.model.Etags;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The handlers of {@code /v1/models}, one per operation, each a flat chain into the registry. */
final class ModelHandlers {

  private static final Set<String> JSON_ONLY = Set.of(Requests.JSON);
  private static final Set<String> PATCH_TYPES = Set.of(Requests.MERGE_PATCH, Requests.JSON);

  private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized(Requests.JSON);
  private static final JsonSplice.Field NEXT_CURSOR = JsonSplice.field("nextCursor");
  private static final JsonSplice.Field MISSING = JsonSplice.field("missing");

  private final ModelRegistry registry;
  private final ModelBodies bodies;

  ModelHandlers(ModelRegistry registry, ModelBodies bodies) {
    this.registry = registry;
    this.bodies = bodies;
  }

  void registerModel(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, JSON_ONLY);
    registry.registerModel(caller(ctx), ModelJson.readDraft(body))
        .onSuccess(change -> {
          ModelConfig model = change.after();
          ctx.response().putHeader("Location", "/v1/models/" + model.id());
          sendModel(ctx.response().setStatusCode(201), model);
        })
        .onFailure(ctx::fail);
  }

  void getModel(RoutingContext ctx) {
    Optional<String> ifNoneMatch = Requests.ifNoneMatch(ctx);
    registry.getModel(caller(ctx), pathId(ctx))
        .onSuccess(model -> answer(ctx.response(), bodies.of(model), ifNoneMatch))
        .onFailure(ctx::fail);
  }

  /** The answer to a read of one model: 304 when {@code ifNoneMatch} names its ETag, else the model. */
  static void answer(HttpServerResponse response, ModelBodies.Encoded encoded, Optional<String> ifNoneMatch) {
    if (ifNoneMatch.isPresent() && Etags.matches(ifNoneMatch.get(), encoded.etag())) {
      response.setStatusCode(304).putHeader(HttpHeaders.ETAG, encoded.etag()).end();
    } else {
      send(response, encoded);
    }
  }

  void listModels(RoutingContext ctx) {
    MultiMap params = RequestTarget.queryParams(ctx);
    ModelQuery query = ListParameters.query(params);
    boolean full = ListParameters.fullView(params);
    registry.listModels(caller(ctx), query)
        .onSuccess(page -> {
          Object next = page.nextAfter().map(Cursors::encode).orElse(null);
          if (full) {
            sendJson(ctx.response(), JsonSplice.items(bodiesOf(page.items()), NEXT_CURSOR, next));
          } else {
            sendJson(ctx.response(), pageJson(page, next));
          }
        })
        .onFailure(ctx::fail);
  }

  void batchGetModels(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, JSON_ONLY);
    registry.getModels(caller(ctx), BatchRequest.ids(body))
        .onSuccess(result -> sendJson(ctx.response(), JsonSplice.items(bodiesOf(result.items()), MISSING,
            result.missing().stream().map(ModelId::value).toList())))
        .onFailure(ctx::fail);
  }

  void updateModel(RoutingContext ctx) {
    JsonObject patch = Requests.jsonObject(ctx, PATCH_TYPES);
    registry.updateModel(caller(ctx), pathId(ctx), patch, Requests.ifMatch(ctx))
        .onSuccess(change -> sendModel(ctx.response(), change.after()))
        .onFailure(ctx::fail);
  }

  void deleteModel(RoutingContext ctx) {
    registry.deleteModel(caller(ctx), pathId(ctx), Requests.ifMatch(ctx))
        .onSuccess(change -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static Caller caller(RoutingContext ctx) {
    return Callers.of(ctx);
  }

  /** The {@code {id}} of the path; a malformed one is a 400 naming {@code id}, never a lookup. */
  static ModelId pathId(RoutingContext ctx) {
    return ModelId.of("id", ctx.pathParam("id"));
  }

  private static JsonObject pageJson(ModelPage page, Object next) {
    JsonArray items = new JsonArray();
    page.items().forEach(model -> items.add(ModelJson.summary(model)));
    return new JsonObject().put("items", items).put("nextCursor", next);
  }

  /** The models' bodies as encoded once per revision, for a response holding them whole. */
  private List<Buffer> bodiesOf(List<ModelConfig> models) {
    List<Buffer> encoded = new ArrayList<>(models.size());
    models.forEach(model -> encoded.add(bodies.of(model).body()));
    return encoded;
  }

  private void sendModel(HttpServerResponse response, ModelConfig model) {
    send(response, bodies.of(model));
  }

  private static void send(HttpServerResponse response, ModelBodies.Encoded model) {
    sendTagged(response, model.etag(), model.body());
  }

  /** A 200 of JSON {@code body} under {@code etag}, with header names hashed once (a lookup's path). */
  static void sendTagged(HttpServerResponse response, String etag, Buffer body) {
    response.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE).end(body);
  }

  private static void sendJson(HttpServerResponse response, JsonObject body) {
    sendJson(response, body.toBuffer());
  }

  private static void sendJson(HttpServerResponse response, Buffer body) {
    response.putHeader("Content-Type", Requests.JSON).end(body);
  }
}
