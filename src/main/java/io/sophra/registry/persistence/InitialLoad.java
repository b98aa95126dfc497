package io.sophra.registry.persistence;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What this member's store saw of the eager load at start: how many model keys it listed in Redis
 * (only the member Hazelcast picks to list the keys has a count) and the first load failure.
 */
public record InitialLoad(OptionalInt keysListed, Optional<String> failure) {
}
