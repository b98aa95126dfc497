/**
 * Where a node's token keys come from: the configured HS256 secret and PEM public keys, the
 * development secret of a node started without any, and the {@code token} command that mints
 * tokens with them. Nothing here imports Hazelcast or serves HTTP.
 */
package io.sophra.registry.keys;
