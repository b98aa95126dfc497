/**
 * Work the node runs on its own, off the event loops: blocking calls its timers start on a worker
 * thread. A low room like {@code failure}: it uses nothing of the project, and the grid and HTTP
 * rooms use it.
 */
package io.sophra.registry.background;
