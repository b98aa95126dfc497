package io.sophra.registry.http;

/** Why a bearer token was not accepted; the message becomes the 401's detail. Cheap: no stack trace. */
final class TokenRejected extends RuntimeException {

  TokenRejected(String reason) {
    super(reason, null, false, false);
  }
}
