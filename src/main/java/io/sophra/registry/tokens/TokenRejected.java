package io.sophra.registry.tokens;

/** Why a bearer token was not accepted; the message becomes the 401's detail. Cheap: no stack trace. */
public final class TokenRejected extends RuntimeException {

  public TokenRejected(String reason) {
    super(reason, null, false, false);
  }
}
