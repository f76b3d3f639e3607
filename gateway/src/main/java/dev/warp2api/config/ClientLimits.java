package dev.warp2api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what clients send and on the silence they see.
 *
 * @param maxBodyBytes {@code W2A_MAX_BODY_BYTES}: the largest request body accepted
 * @param keepalive {@code W2A_KEEPALIVE}: silence after which a stream gets a keep-alive
 * @param maxInflightBodyBytes {@code W2A_MAX_INFLIGHT_BODY_BYTES}: request-body bytes held at once,
 *     over all requests being read or translated; beyond it new bodies get a 503 with
 *     {@code Retry-After}
 * @param headerTimeout {@code W2A_HEADER_TIMEOUT}: a new connection's first request head must
 *     arrive within this, and a request body must not stall longer than this between two of its
 *     chunks
 * @param clientIdleTimeout {@code W2A_CLIENT_IDLE_TIMEOUT}: a keep-alive connection with no request
 *     in flight is closed after this
 * @param maxConnections {@code W2A_MAX_CONNECTIONS}: client connections held at once, below the
 *     process's file limit; a small reserve beyond it still serves the probes and the admin routes
 */
public record ClientLimits(
    long maxBodyBytes,
    Duration keepalive,
    long maxInflightBodyBytes,
    Duration headerTimeout,
    Duration clientIdleTimeout,
    int maxConnections) {
  public ClientLimits {
    Objects.requireNonNull(keepalive, "keepalive");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(clientIdleTimeout, "clientIdleTimeout");
  }

  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * A tenth of the heap: a body's bytes are held several times over while it is parsed and
   * translated (the raw bytes, the JSON tree, the chat, the protobuf), so bodies worth a tenth keep
   * that peak near half the heap. With the launcher's {@code -Xmx256m}: 25.6 MiB, one maximum-size
   * (20 MiB) body at a time.
   */
  public static long defaultInflightBodyBytes() {
    return Runtime.getRuntime().maxMemory() / 10;
  }

  /**
   * Three eighths of the process's file limit ({@code ulimit -n}): three quarters of it, halved,
   * since each proxied request holds a client and an upstream connection; the last quarter is left
   * for the state file, logs, the JVM and the reserve. At least 64, at most 100,000. With a limit
   * of 20,000: 7,500.
   */
  public static int defaultMaxConnections() {
    long files = FileLimit.current();
    return (int) Math.max(64, Math.min(100_000, files * 3 / 4 / 2));
  }
}
