/**
 * The registry's typed failures, one sealed hierarchy under {@link io.sophra.registry.failure.RegistryException}:
 * invalid input, illegal status moves, missing or existing models, stale ETags, a full registry,
 * missing permissions, and a store that could not answer. The lowest room: it uses nothing of the
 * project, and every other room may throw or sort these.
 */
package io.sophra.registry.failure;
