package io.sophra.registry.config;

/**
 * Every scalar setting: its environment variable (also accepted as a system property of the same
 * name) and its key path in {@code config.json}. Defaults live in the bundled {@code config.json}.
 */
public enum Setting {
  HTTP_HOST("MODEL_REGISTRY_HTTP_HOST", "http.host"),
  HTTP_PORT("MODEL_REGISTRY_HTTP_PORT", "http.port"),
  HTTP_INSTANCES("MODEL_REGISTRY_HTTP_INSTANCES", "http.instances"),
  MAX_BODY_SIZE("MODEL_REGISTRY_MAX_BODY_SIZE", "http.maxBodySize"),
  CLUSTER_NAME("MODEL_REGISTRY_CLUSTER_NAME", "cluster.name"),
  CLUSTER_MEMBERS("MODEL_REGISTRY_CLUSTER_MEMBERS", "cluster.members"),
  CLUSTER_HOST("MODEL_REGISTRY_CLUSTER_HOST", "cluster.host"),
  CLUSTER_PORT("MODEL_REGISTRY_CLUSTER_PORT", "cluster.port"),
  BACKUP_COUNT("MODEL_REGISTRY_BACKUP_COUNT", "cluster.backupCount"),
  EVENTBUS_HOST("MODEL_REGISTRY_EVENTBUS_HOST", "eventBus.host"),
  EVENTBUS_PORT("MODEL_REGISTRY_EVENTBUS_PORT", "eventBus.port"),
  EVENTBUS_PUBLIC_HOST("MODEL_REGISTRY_EVENTBUS_PUBLIC_HOST", "eventBus.publicHost"),
  REQUEST_TIMEOUT("MODEL_REGISTRY_REQUEST_TIMEOUT", "requestTimeout"),
  DRAIN_DELAY("MODEL_REGISTRY_DRAIN_DELAY", "shutdown.drainDelay"),
  NEAR_CACHE_RECONCILIATION("MODEL_REGISTRY_NEAR_CACHE_RECONCILIATION", "cluster.nearCacheReconciliation"),
  MAX_MODELS("MODEL_REGISTRY_MAX_MODELS", "maxModels"),
  PERSISTENCE("MODEL_REGISTRY_PERSISTENCE", "persistence.mode"),
  REDIS_URL("MODEL_REGISTRY_REDIS_URL", "persistence.redisUrl"),
  REDIS_CONNECT_TIMEOUT("MODEL_REGISTRY_REDIS_CONNECT_TIMEOUT", "persistence.redisConnectTimeout"),
  REDIS_COMMAND_TIMEOUT("MODEL_REGISTRY_REDIS_COMMAND_TIMEOUT", "persistence.redisCommandTimeout"),
  DATA_DIR("MODEL_REGISTRY_DATA_DIR", "dataDir"),
  JWT_SECRET("MODEL_REGISTRY_JWT_SECRET", "jwt.secret"),
  JWT_PUBLIC_KEY("MODEL_REGISTRY_JWT_PUBLIC_KEY", "jwt.publicKeys"),
  JWT_ISSUER("MODEL_REGISTRY_JWT_ISSUER", "jwt.issuer"),
  JWT_AUDIENCE("MODEL_REGISTRY_JWT_AUDIENCE", "jwt.audience"),
  JWT_ROLES_CLAIM("MODEL_REGISTRY_JWT_ROLES_CLAIM", "jwt.rolesClaim"),
  AUDIT_RETENTION("MODEL_REGISTRY_AUDIT_RETENTION", "audit.retention");

  /** Where {@code config.json} is looked for; itself read from system properties and environment only. */
  public static final String CONF_DIR = "MODEL_REGISTRY_CONF_DIR";

  private final String variable;
  private final String jsonPath;

  Setting(String variable, String jsonPath) {
    this.variable = variable;
    this.jsonPath = jsonPath;
  }

  public String variable() {
    return variable;
  }

  public String jsonPath() {
    return jsonPath;
  }
}
