package dev.warp2api.warp.client;

import io.vertx.core.http.HttpVersion;
import java.time.Duration;

/**
 * What happens to the upstream connections, for metrics. Called on event loops; implementations
 * must be quick, thread-safe and never throw. {@link #NONE} ignores everything.
 */
public interface ConnectionEvents {
  /**
   * A connection (TCP + TLS handshake, ALPN) to {@code origin} is ready, after {@code handshake}.
   */
  default void opened(String origin, HttpVersion protocol, Duration handshake) {}

  /** A connection attempt failed. */
  default void openFailed(String origin) {}

  /** A connection closed after carrying {@code streams} requests. */
  default void closed(String origin, long streams) {}

  /** A stream started on a connection now carrying {@code inUse} streams. */
  default void streamStarted(String origin, int inUse) {}

  /** The server sent GOAWAY on a connection. */
  default void goAway(String origin) {}

  /** The server reset one stream (RST_STREAM). */
  default void streamReset(String origin) {}

  /** A request refused by GOAWAY or REFUSED_STREAM before the server processed it is sent again. */
  default void refusedRetried(String origin) {}

  /** Ignores every event. */
  ConnectionEvents NONE = new ConnectionEvents() {};
}
