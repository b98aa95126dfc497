package io.sophra.registry.http;

import io.sophra.registry.failure.FieldError;
import java.util.List;
import java.util.Map;

/**
 * The one exception HTTP handlers fail a request with when the problem is HTTP's own (a bad header,
 * a bad query parameter, a body that is not JSON). Cheap: no stack trace.
 */
public final class HttpProblem extends RuntimeException {

  private final ProblemType type;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  public HttpProblem(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
    super(detail, null, false, false);
    this.type = type;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public HttpProblem(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  /** A 400 naming one parameter or body location. */
  public static HttpProblem invalid(String pointer, String message) {
    return new HttpProblem(ProblemType.VALIDATION, pointer + ": " + message,
        List.of(new FieldError(pointer, message)), Map.of());
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
