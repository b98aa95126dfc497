/**
 * Everything about bearer tokens, in one room: where a node's keys come from (the configured HS256
 * secret and PEM public keys, or the development secret of a node started without any), the
 * {@link io.sophra.registry.tokens.TokenVerifier} that turns a token into a
 * {@link io.sophra.registry.registry.Caller} or says why not, and the {@code token} command that
 * mints tokens. HTTP only reads the header and asks; nothing here imports Hazelcast or serves HTTP.
 */
package io.sophra.registry.tokens;
