/**
 * Aliases: a name that routes to one of up to ten {@code ready} models by integer weights, sticky per
 * subject (a documented stable hash of salt and subject), for A/B tests and gradual rollouts. The
 * {@link io.sophra.registry.alias.AliasRegistry} interface (a sibling of
 * {@link io.sophra.registry.registry.ModelRegistry}), the alias and its one JSON form, and the routing
 * rule ({@link io.sophra.registry.alias.Routing}). Uses {@code model}, {@code registry} and
 * {@code failure}; the grid, security, events and HTTP rooms implement and decorate the interface.
 */
package io.sophra.registry.alias;
