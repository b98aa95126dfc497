package io.sophra.registry.http;

/** One kind of problem per HTTP failure, each with its status and a stable type URI (RFC 9457). */
public enum ProblemType {
  VALIDATION(400, "validation", "The request is invalid"),
  UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
  FORBIDDEN(403, "forbidden", "Permission denied"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
  ALREADY_EXISTS(409, "already-exists", "The model exists already"),
  ILLEGAL_TRANSITION(409, "illegal-transition", "The status change is not allowed"),
  REGISTRY_FULL(409, "registry-full", "The registry is full"),
  IN_USE_BY_ALIAS(409, "in-use-by-alias", "The model is a variant of an alias"),
  VARIANT_NOT_READY(409, "variant-not-ready", "A variant's model is not ready"),
  NO_READY_VARIANT(409, "no-ready-variant", "No variant of the alias is ready"),
  REVISION_MISMATCH(412, "revision-mismatch", "The model has changed"),
  GONE(410, "gone", "The changes after that sequence are no longer retained"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
  URI_TOO_LONG(414, "uri-too-long", "The request line is too long"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  EXPECTATION_FAILED(417, "expectation-failed", "The expectation cannot be met"),
  HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
  INTERNAL(500, "internal", "Internal error"),
  UNAVAILABLE(503, "unavailable", "Temporarily unavailable");

  /** Prefix of every problem type; the OpenAPI document lists each. */
  public static final String URI_PREFIX = "urn:model-registry:problem:";

  private final int status;
  private final String uri;
  private final String title;

  ProblemType(int status, String name, String title) {
    this.status = status;
    this.uri = URI_PREFIX + name;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String uri() {
    return uri;
  }

  public String title() {
    return title;
  }
}
