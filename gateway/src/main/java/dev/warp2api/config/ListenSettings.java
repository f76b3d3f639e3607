package dev.warp2api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the gateway listens.
 *
 * @param host {@code W2A_HOST} (or the original's {@code HOST}), default {@code 127.0.0.1}
 * @param port {@code W2A_PORT} (or {@code PORT}), default 28889; 0 picks a free port (tests)
 * @param bridgePort {@code W2A_BRIDGE_PORT}: a second port with the same routes; 0 = off
 * @param shutdownGrace {@code W2A_SHUTDOWN_GRACE}, default 30s: on SIGTERM, how long requests in
 *     flight may take to finish before they are ended with an error
 */
public record ListenSettings(String host, int port, int bridgePort, Duration shutdownGrace) {
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  public ListenSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
  }

  public ListenSettings(String host, int port, int bridgePort) {
    this(host, port, bridgePort, DEFAULT_SHUTDOWN_GRACE);
  }
}
