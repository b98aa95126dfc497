/**
 * Work the node runs on its own, off the request's path: blocking calls its timers start on a worker
 * thread, and what a change owes after its answer. A low room like {@code failure}: it uses nothing of
 * the project, and the grid, events, security and HTTP rooms use it.
 */
package io.sophra.registry.background;
