package dev.warp2api.warp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and pool sizes of the upstream HTTP clients. Tests shorten the idle timeout.
 *
 * @param connectTimeout time to open a TCP (+TLS) connection
 * @param idleTimeout longest silence between two received chunks before the call fails as a timeout
 * @param http1PoolSize connections per host over HTTP/1.1 (one stream each)
 * @param http2PoolSize connections per host over HTTP/2; more open once one reaches its max streams
 */
public record TransportOptions(
    Duration connectTimeout, Duration idleTimeout, int http1PoolSize, int http2PoolSize) {

  /**
   * 10 s connect; 60 s idle (what the 2025 bridge used: Warp can think a long time before its first
   * event; docs/PROTOCOL.md, 'Timeouts'); 5,000 HTTP/1.1 connections (load tests hold ~4,000
   * streams); 64 HTTP/2 connections (at Warp's ~100 streams per connection that is well above the
   * same load).
   */
  public static TransportOptions defaults() {
    return new TransportOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), 5_000, 64);
  }

  /** The same pools with another idle timeout (token refresh and GraphQL use 30 s). */
  public TransportOptions withIdleTimeout(Duration idle) {
    return new TransportOptions(connectTimeout, idle, http1PoolSize, http2PoolSize);
  }

  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    if (http1PoolSize < 1 || http2PoolSize < 1) {
      throw new IllegalArgumentException("pool sizes must be >= 1: http1PoolSize=" + http1PoolSize
          + ", http2PoolSize=" + http2PoolSize);
    }
  }
}
