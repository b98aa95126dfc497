package io.sophra.registry.grid;

import com.hazelcast.spi.exception.SilentException;

/**
 * The models map's store did not accept a write, so Hazelcast did not apply it. Thrown at the key's
 * owner and carried to the caller (across members too); {@link GridCalls} turns it into a 503. A
 * {@link SilentException}, so Hazelcast does not log each one as an error: the store logs one line.
 */
final class StoreUnavailableException extends RuntimeException implements SilentException {

  StoreUnavailableException(String message) {
    super(message, null, false, false);
  }
}
