package io.sophra.registry.tokens;

/**
 * The token could not be checked now: every signature-checking thread is busy and the queue in front
 * of them is full. Not a judgement on the token; HTTP answers 503 with {@code Retry-After}. Cheap: no
 * stack trace.
 */
public final class VerificationBusy extends RuntimeException {

  VerificationBusy(String reason) {
    super(reason, null, false, false);
  }
}
