/**
 * Metric points attached to models by the analytics service: named, timed numbers with labels, kept
 * apart from the model entry (a point never changes a model's revision, ETag or events), bounded per
 * model by count and age. The {@link io.sophra.registry.metrics.ModelMetrics} interface, the point and
 * its rules and JSON form, series queries and the ordering of models by a metric's last value. Uses
 * {@code model}, {@code registry} and {@code failure}.
 */
package io.sophra.registry.metrics;
