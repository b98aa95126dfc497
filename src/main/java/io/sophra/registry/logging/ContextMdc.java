package io.sophra.registry.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the id of the request being served ({@link RequestScope}) into the SLF4J MDC as
 * {@value RequestScope#REQUEST_ID} at every log call, and takes it out where no request is served,
 * so every line written while serving a request carries its id, whatever thread or asynchronous hop
 * it was written from, and no line carries the id of a request served earlier on the same thread.
 * Declared as a {@code turboFilter} in {@code conf/logback.xml}: logback runs turbo filters on the
 * calling thread before it builds the event, and the event copies the MDC it finds then. It never
 * filters anything out.
 */
public final class ContextMdc extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    String id = RequestScope.idOrNull();
    String inMdc = MDC.get(RequestScope.REQUEST_ID);
    if (id == null) {
      if (inMdc != null) {
        MDC.remove(RequestScope.REQUEST_ID);
      }
    } else if (!id.equals(inMdc)) {
      MDC.put(RequestScope.REQUEST_ID, id);
    }
    return FilterReply.NEUTRAL;
  }
}
