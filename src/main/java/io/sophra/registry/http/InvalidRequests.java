package io.sophra.registry.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP codec could not parse (the server's {@code invalidRequestHandler}; the
 * router never sees them): a request line over the limit is 414, headers over the limit 431, anything
 * else that is not HTTP (a bad method token, version, header line or {@code Content-Length}) 400 —
 * each as problem+json, then the connection is closed, as the codec cannot tell where the next request
 * would start. The detail is fixed text: the codec's own message is not repeated to the client.
 */
final class InvalidRequests {

  private InvalidRequests() {
  }

  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    HttpProblem problem;
    if (cause instanceof TooLongHttpLineException) {
      problem = Problems.fromStatus(414);
    } else if (cause instanceof TooLongHttpHeaderException) {
      problem = Problems.fromStatus(431);
    } else {
      problem = new HttpProblem(ProblemType.VALIDATION, "the request is not well-formed HTTP/1.1 (request line,"
          + " header lines or message framing)");
    }
    request.response().putHeader("Connection", "close");
    Problems.render(request.response(), problem, null);
    request.connection().close();
  }
}
