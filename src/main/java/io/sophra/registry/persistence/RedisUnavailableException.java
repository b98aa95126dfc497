package io.sophra.registry.persistence;

/**
 * Redis did not accept a command: it could not be reached, did not answer within the command
 * timeout, or refused (for example a read-only replica, out of memory, a failing disk). Its message
 * says which, in words fit for a client, and never names the host or the credentials.
 */
public final class RedisUnavailableException extends RuntimeException {

  public RedisUnavailableException(String message) {
    super(message, null, false, false);
  }
}
