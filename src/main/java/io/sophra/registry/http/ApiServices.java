package io.sophra.registry.http;

import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.config.BackupSettings;
import io.sophra.registry.metrics.ModelMetrics;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.security.AuditQueries;
import io.sophra.registry.security.PermissionCheck;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * What the API serves, shared by every API verticle instance.
 *
 * @param registry the registry as callers see it (checked and audited)
 * @param audit the audit log's reads
 * @param authentication the step that puts the Caller of each {@code /v1} request in its context
 * @param permissions the permission rule, checked by each {@code /v1} route before its body is read
 * @param metrics serves {@code GET /metrics} (Prometheus text format)
 * @param aliases the aliases as callers see them (checked, audited, published)
 * @param modelMetrics the models' metric points as callers see them (checked)
 * @param accessLog the request ids and the access log (the first step of every request)
 * @param backup the limits of backup and restore
 * @param feed the change feed's streams ({@code GET /v1/events})
 * @param bodies the models' encoded bodies, shared by every verticle
 */
public record ApiServices(ModelRegistry registry, AuditQueries audit, BearerAuthentication authentication,
    PermissionCheck permissions, Handler<RoutingContext> metrics, Readiness readiness, AliasRegistry aliases,
    ModelMetrics modelMetrics, AccessLog accessLog, BackupSettings backup, FeedStreams feed,
    ModelBodies bodies) {
}
