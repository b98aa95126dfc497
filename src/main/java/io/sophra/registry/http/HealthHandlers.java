package io.sophra.registry.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/** {@code /health/live} (the process answers) and {@code /health/ready} (send it traffic). */
final class HealthHandlers {

  private final Vertx vertx;
  private final Readiness readiness;

  HealthHandlers(Vertx vertx, Readiness readiness) {
    this.vertx = vertx;
    this.readiness = readiness;
  }

  HealthCheckHandler live() {
    return HealthCheckHandler.create(vertx).register("process", promise -> promise.complete(Status.OK()));
  }

  HealthCheckHandler ready() {
    return HealthCheckHandler.create(vertx).register("node", promise -> {
      String reason = readiness.reason();
      promise.complete(reason == null ? Status.OK() : Status.KO(new JsonObject().put("reason", reason)));
    });
  }
}
