package io.sophra.registry.security;

/**
 * One field a change touched: a JSON Pointer into the model ({@code /status},
 * {@code /parameters/learningRate}) with its value before and after; {@code null} stands for absent.
 * Values are JSON values (strings, numbers, booleans, maps, lists).
 */
public record FieldChange(String field, Object oldValue, Object newValue) {
}
