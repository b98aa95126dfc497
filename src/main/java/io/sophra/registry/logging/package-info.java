/**
 * What the registry adds to Logback: an asynchronous appender that counts the lines it drops, and
 * the flush at shutdown. Depends on nothing of the project.
 */
package io.sophra.registry.logging;
