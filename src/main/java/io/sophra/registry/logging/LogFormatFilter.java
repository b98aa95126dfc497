package io.sophra.registry.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * The filter of an appender that writes one {@link LogFormat}: it denies every line unless that
 * format is the selected one. In {@code conf/logback.xml}:
 * {@code <filter class="..."><format>json</format><selected>${MODEL_REGISTRY_LOG_FORMAT:-text}</selected></filter>};
 * {@code selected} is what logback read at start, and a value that names no format selects {@code text}
 * (the node then stops start-up with a line naming the setting). No Janino, no conditional XML.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {

  private LogFormat format = LogFormat.TEXT;

  /** The format this appender writes. */
  public void setFormat(String name) {
    format = LogFormat.parse(name).orElseThrow(() -> new IllegalArgumentException("no log format '" + name + "'"));
  }

  /** The format selected when logback configures itself. */
  public void setSelected(String name) {
    LogFormat.select(LogFormat.parse(name).orElse(LogFormat.TEXT));
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return LogFormat.selected() == format ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
