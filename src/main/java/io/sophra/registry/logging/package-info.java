/**
 * What the registry adds to Logback: the request id of every line ({@link RequestScope},
 * {@link ContextMdc}), the choice between text and JSON lines ({@link LogFormat}), an asynchronous
 * appender that counts the lines it drops, and the flush at shutdown. A bottom package: it depends on
 * nothing of the project, and any package may use it (the audit trail reads the request id here).
 */
package io.sophra.registry.logging;
