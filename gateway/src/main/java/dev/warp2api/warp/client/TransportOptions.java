package dev.warp2api.warp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, pool bounds and keep-warm times of the upstream connections. Tests shorten the idle
 * timeout and the keep-warm times.
 *
 * @param connectTimeout time to open a TCP (+TLS) connection
 * @param idleTimeout longest silence between two received chunks before the call fails as a timeout
 * @param http1PoolSize connections per host over HTTP/1.1 (one stream each)
 * @param http2PoolSize connections per origin and event loop over HTTP/2; more open only once every
 *     open one is at the server's advertised stream limit
 * @param pingInterval how often an idle HTTP/2 connection is sent a PING (one unanswered for a
 *     whole interval closes it as dead)
 * @param keepWarm how long an HTTP/2 connection without streams is kept open (and pinged) before it
 *     is closed
 */
public record TransportOptions(
    Duration connectTimeout,
    Duration idleTimeout,
    int http1PoolSize,
    int http2PoolSize,
    Duration pingInterval,
    Duration keepWarm) {

  /**
   * 10 s connect; 60 s idle (what the 2025 bridge used: Warp can think a long time before its first
   * event; docs/PROTOCOL.md, 'Timeouts'); 5,000 HTTP/1.1 connections (load tests hold ~4,000
   * streams); 64 HTTP/2 connections per event loop (at ~100 streams each, far above the same load);
   * idle HTTP/2 connections pinged every 30 s and kept 10 minutes (an idle gap between two requests
   * of a coding session rarely lasts longer; NAT and load-balancer idle timers are commonly 60 s or
   * more, so a 30 s PING keeps the path open).
   */
  public static TransportOptions defaults() {
    return new TransportOptions(
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        5_000,
        64,
        Duration.ofSeconds(30),
        Duration.ofMinutes(10));
  }

  /** The same pools with another idle timeout (token refresh and GraphQL use 30 s). */
  public TransportOptions withIdleTimeout(Duration idle) {
    return new TransportOptions(
        connectTimeout, idle, http1PoolSize, http2PoolSize, pingInterval, keepWarm);
  }

  /** The same options with other keep-warm times (tests). */
  public TransportOptions withKeepWarm(Duration ping, Duration warm) {
    return new TransportOptions(
        connectTimeout, idleTimeout, http1PoolSize, http2PoolSize, ping, warm);
  }

  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(keepWarm, "keepWarm");
    for (Duration d : new Duration[] {connectTimeout, idleTimeout, pingInterval, keepWarm}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("transport durations must be positive: " + d);
      }
    }
    if (http1PoolSize < 1 || http2PoolSize < 1) {
      throw new IllegalArgumentException("pool sizes must be >= 1: http1PoolSize=" + http1PoolSize
          + ", http2PoolSize=" + http2PoolSize);
    }
  }
}
