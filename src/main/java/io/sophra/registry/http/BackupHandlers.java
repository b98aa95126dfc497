package io.sophra.registry.http;

import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasQuery;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.registry.RestoreMode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/export} and {@code POST /v1/import}: a backup of every model and alias as NDJSON
 * ({@link ExportStream}), and its restore ({@link ImportRun}). Both need their permission ({@code EXPORT},
 * {@code IMPORT}), checked by the route before anything is read; aliases are read and written with the
 * caller's {@code READ_MODEL} and {@code MANAGE_ALIAS}, which the admin role holds with them.
 */
final class BackupHandlers {

  static final String NDJSON = "application/x-ndjson";
  private static final Set<String> NDJSON_ONLY = Set.of(NDJSON);

  private final ModelRegistry registry;
  private final AliasRegistry aliases;
  private final int maxImportSize;
  private final int maxLineLength;

  BackupHandlers(ModelRegistry registry, AliasRegistry aliases, int maxImportSize, int maxBodySize) {
    this.registry = registry;
    this.aliases = aliases;
    this.maxImportSize = maxImportSize;
    this.maxLineLength = maxBodySize + 4096;
  }

  /**
   * The aliases are read first (there are at most {@code MODEL_REGISTRY_MAX_ALIASES}), so a refusal or
   * a grid failure is still a problem answer; then the 200 and the stream.
   */
  void exportModels(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    allAliases(caller, Optional.empty(), new ArrayList<>())
        .onSuccess(all -> {
          ctx.response().setChunked(true).putHeader("Content-Type", NDJSON)
              .putHeader("Content-Disposition", "attachment; filename=\"model-registry-export.ndjson\"");
          new ExportStream(ctx.response(), registry, caller, all).start();
        })
        .onFailure(ctx::fail);
  }

  void importModels(RoutingContext ctx) {
    RestoreMode mode = mode(RequestTarget.queryParams(ctx));
    for (String precondition : List.of("If-Match", "If-None-Match")) {
      if (ctx.request().getHeader(precondition) != null) {
        throw HttpProblem.invalid(precondition, "an import takes no precondition: each model is written at its"
            + " owner in one step, skipped or (mode=overwrite) replaced whatever its revision");
      }
    }
    Requests.checkMediaType(ctx, NDJSON_ONLY);
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
        && Long.parseLong(length) > maxImportSize) {
      throw new HttpProblem(ProblemType.PAYLOAD_TOO_LARGE, "the import is larger than MODEL_REGISTRY_IMPORT_MAX_SIZE ("
          + maxImportSize + " bytes)", List.of(), Map.of("Connection", "close"));
    }
    new ImportRun(ctx, registry, aliases, mode, maxImportSize, maxLineLength).start();
  }

  private static RestoreMode mode(MultiMap params) {
    String mode = params.get("mode");
    if (mode == null || mode.equals("skip")) {
      return RestoreMode.SKIP;
    }
    if (mode.equals("overwrite")) {
      return RestoreMode.OVERWRITE;
    }
    throw HttpProblem.invalid("mode", "must be skip (the default) or overwrite");
  }

  private Future<List<Alias>> allAliases(Caller caller, Optional<AliasName> after, List<Alias> found) {
    return aliases.listAliases(caller, new AliasQuery(AliasQuery.MAX_LIMIT, after)).compose(page -> {
      found.addAll(page.items());
      return page.nextAfter().isPresent() ? allAliases(caller, page.nextAfter(), found) : Future.succeededFuture(found);
    });
  }
}
