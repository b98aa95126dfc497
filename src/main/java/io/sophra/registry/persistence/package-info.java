/**
 * The optional durable copy of the models in Redis, as a Hazelcast {@code MapStore} on the
 * {@code models} map (write-through, loaded eagerly when the cluster starts).
 *
 * <p>Layout, so an operator can read it with {@code redis-cli}: one string key per model,
 * {@value io.sophra.registry.persistence.RedisModelStore#KEY_PREFIX}{@code <id>}, whose value is the
 * model's one JSON form ({@code model.ModelJson}, every field including {@code uid} and
 * {@code revision}). Nothing else is written. The database is the one the URL names ({@code /db}).
 *
 * <p>Redis is read only at start: after the eager load the grid answers every read, and a key the
 * grid does not hold is not looked up in Redis (a 404 never waits for Redis). Writes reach Redis
 * before the grid applies them; a write Redis does not accept fails and leaves the grid unchanged.
 */
package io.sophra.registry.persistence;
