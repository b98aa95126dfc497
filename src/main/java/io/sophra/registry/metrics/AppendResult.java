package io.sophra.registry.metrics;

/**
 * What an append did: how many points it stored, and how many it dropped at once because their
 * {@code at} was older than the retention ({@code MODEL_REGISTRY_METRICS_RETENTION}).
 */
public record AppendResult(int appended, int expired) {
}
