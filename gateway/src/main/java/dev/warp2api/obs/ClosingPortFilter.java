package dev.warp2api.obs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps a normal stop quiet. The servers on a port share one listening socket, and a stopping
 * server leaves the port before the socket closes (Vert.x takes the last server's event loop out of
 * the port's rotation, then closes the socket on its acceptor thread). A connection accepted in
 * that moment finds no event loop to run on: Netty closes it at once (the client sees a closed
 * connection, as it would once the port is shut) and logs "Failed to register an accepted channel"
 * at WARN with the {@link IllegalStateException} of the empty rotation. That warning, and only with
 * that cause, is dropped: it reports the port closing, not a fault.
 */
final class ClosingPortFilter extends TurboFilter {
  static final String NETTY_LOGGER = "io.netty.bootstrap.ServerBootstrap";
  static final String MESSAGE = "Failed to register an accepted channel";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN
        || format == null
        || !format.startsWith(MESSAGE)
        || !logger.getName().equals(NETTY_LOGGER)) {
      return FilterReply.NEUTRAL;
    }
    Throwable cause = t;
    if (cause == null && params != null && params.length > 0) {
      cause = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    return cause instanceof IllegalStateException ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
