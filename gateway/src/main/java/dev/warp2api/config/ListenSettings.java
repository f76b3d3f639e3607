package dev.warp2api.config;

import java.util.Objects;

/**
 * Where the gateway listens.
 *
 * @param host {@code W2A_HOST} (or the original's {@code HOST}), default {@code 127.0.0.1}
 * @param port {@code W2A_PORT} (or {@code PORT}), default 28889; 0 picks a free port (tests)
 * @param bridgePort {@code W2A_BRIDGE_PORT}: a second port with the same routes; 0 = off
 */
public record ListenSettings(String host, int port, int bridgePort) {
  public ListenSettings {
    Objects.requireNonNull(host, "host");
  }
}
