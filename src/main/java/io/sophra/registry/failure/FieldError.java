package io.sophra.registry.failure;

/**
 * One thing wrong with a request: {@code pointer} is a JSON Pointer into the body (RFC 6901), or
 * the name of a parameter; {@code message} says what is wrong in words a person can act on.
 */
public record FieldError(String pointer, String message) {
}
