package dev.warp2api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what clients send and on the silence they see.
 *
 * @param maxBodyBytes {@code W2A_MAX_BODY_BYTES}: the largest request body accepted
 * @param keepalive {@code W2A_KEEPALIVE}: silence after which a stream gets a keep-alive
 */
public record ClientLimits(long maxBodyBytes, Duration keepalive) {
  public ClientLimits {
    Objects.requireNonNull(keepalive, "keepalive");
  }
}
