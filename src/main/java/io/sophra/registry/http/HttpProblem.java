package io.sophra.registry.http;

import io.sophra.registry.failure.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one exception HTTP handlers fail a request with when the problem is HTTP's own (a bad header,
 * a bad query parameter, a body that is not JSON). Cheap: no stack trace.
 */
public final class HttpProblem extends RuntimeException {

  /** The RFC 9457 type of a problem that means no more than its status. */
  static final String ABOUT_BLANK = "about:blank";

  private final ProblemType type;
  private final int status;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;
  private final transient Map<String, Object> members;

  private HttpProblem(ProblemType type, int status, String detail, List<FieldError> errors, Map<String, String> headers,
      Map<String, Object> members) {
    super(detail, null, false, false);
    this.type = type;
    this.status = status;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
    this.members = Map.copyOf(members);
  }

  public HttpProblem(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
    this(type, type.status(), detail, errors, headers, Map.of());
  }

  /** A problem whose body carries extension members beside the standard ones (RFC 9457 section 3.2). */
  public HttpProblem(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers,
      Map<String, Object> members) {
    this(type, type.status(), detail, errors, headers, members);
  }

  public HttpProblem(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  /** A 400 naming one parameter or body location. */
  public static HttpProblem invalid(String pointer, String message) {
    return new HttpProblem(ProblemType.VALIDATION, pointer + ": " + message,
        List.of(new FieldError(pointer, message)), Map.of());
  }

  /**
   * A client error the HTTP layer answered with a status no {@link ProblemType} stands for: type
   * {@value #ABOUT_BLANK}, which RFC 9457 reserves for "nothing beyond the status".
   */
  static HttpProblem ofStatus(int status, String detail) {
    return new HttpProblem(null, status, detail, List.of(), Map.of(), Map.of());
  }

  /** The kind of problem; empty for a bare status ({@value #ABOUT_BLANK}). */
  public Optional<ProblemType> type() {
    return Optional.ofNullable(type);
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** Extension members of the body, such as {@code currentSequence} of a {@code gone} problem. */
  public Map<String, Object> members() {
    return members;
  }
}
