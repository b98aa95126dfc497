package io.sophra.registry.security;

import io.sophra.registry.registry.Permission;

/**
 * Every operation a caller can ask of the registry, with the one permission it needs: the rule
 * {@link PermissionCheck} applies, wherever the call comes from. Its name is the {@code operation} of
 * refusal lines.
 */
public enum Operation {
  REGISTER_MODEL("registerModel", Permission.REGISTER_MODEL),
  GET_MODEL("getModel", Permission.READ_MODEL),
  GET_MODELS("getModels", Permission.READ_MODEL),
  LIST_MODELS("listModels", Permission.READ_MODEL),
  UPDATE_MODEL("updateModel", Permission.UPDATE_MODEL),
  DELETE_MODEL("deleteModel", Permission.DELETE_MODEL),
  MODEL_HISTORY("modelHistory", Permission.READ_AUDIT),
  SEARCH_AUDIT("searchAudit", Permission.READ_AUDIT),
  PUT_ALIAS("putAlias", Permission.MANAGE_ALIAS),
  DELETE_ALIAS("deleteAlias", Permission.MANAGE_ALIAS),
  GET_ALIAS("getAlias", Permission.READ_MODEL),
  LIST_ALIASES("listAliases", Permission.READ_MODEL),
  RESOLVE_ALIAS("resolveAlias", Permission.READ_MODEL),
  APPEND_METRICS("appendMetrics", Permission.WRITE_METRICS),
  READ_METRICS("readMetrics", Permission.READ_MODEL),
  LATEST_METRICS("latestMetrics", Permission.READ_MODEL),
  EXPORT_MODELS("exportModels", Permission.EXPORT),
  IMPORT_MODELS("importModels", Permission.IMPORT),
  WATCH_CHANGES("watchChanges", Permission.READ_MODEL);

  private final String operationName;
  private final Permission permission;

  Operation(String operationName, Permission permission) {
    this.operationName = operationName;
    this.permission = permission;
  }

  /** The name in refusal lines: {@code registerModel}, {@code searchAudit}, ... */
  public String operationName() {
    return operationName;
  }

  public Permission permission() {
    return permission;
  }
}
