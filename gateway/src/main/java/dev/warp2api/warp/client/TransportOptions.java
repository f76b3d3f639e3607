package dev.warp2api.warp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, pool bounds and keep-warm times of the upstream connections. Tests shorten the timeouts
 * and the keep-warm times.
 *
 * @param connectTimeout time to open a TCP (+TLS) connection
 * @param headTimeout time from sending a request to its response head
 *     ({@code W2A_UPSTREAM_HEAD_TIMEOUT} on the AI call)
 * @param idleTimeout longest silence between two received body chunks before the call fails as a
 *     timeout
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
    Duration headTimeout,
    Duration idleTimeout,
    int http1PoolSize,
    int http2PoolSize,
    Duration pingInterval,
    Duration keepWarm) {

  /**
   * 10 s connect; 30 s to the response head ({@code W2A_UPSTREAM_HEAD_TIMEOUT}'s default); 60 s
   * idle (what the 2025 bridge used: Warp can think a long time before its first event;
   * docs/PROTOCOL.md, 'Timeouts'); 5,000 HTTP/1.1 connections (load tests hold ~4,000 streams); 64
   * HTTP/2 connections per event loop (at ~100 streams each, far above the same load); idle HTTP/2
   * connections pinged every 30 s and kept 10 minutes (an idle gap between two requests of a coding
   * session rarely lasts longer; NAT and load-balancer idle timers are commonly 60 s or more, so a
   * 30 s PING keeps the path open).
   */
  public static TransportOptions defaults() {
    return new TransportOptions(
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        5_000,
        64,
        Duration.ofSeconds(30),
        Duration.ofMinutes(10));
  }

  /**
   * The same pools with {@code timeout} both to the response head and between chunks (token refresh
   * and GraphQL, whose answers are small).
   */
  public TransportOptions withIdleTimeout(Duration timeout) {
    return new TransportOptions(
        connectTimeout, timeout, timeout, http1PoolSize, http2PoolSize, pingInterval, keepWarm);
  }

  /** The same options with another time to the response head. */
  public TransportOptions withHeadTimeout(Duration head) {
    return new TransportOptions(
        connectTimeout, head, idleTimeout, http1PoolSize, http2PoolSize, pingInterval, keepWarm);
  }

  /** The same options with other keep-warm times (tests). */
  public TransportOptions withKeepWarm(Duration ping, Duration warm) {
    return new TransportOptions(
        connectTimeout, headTimeout, idleTimeout, http1PoolSize, http2PoolSize, ping, warm);
  }

  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(headTimeout, "headTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(keepWarm, "keepWarm");
    for (Duration d :
        new Duration[] {connectTimeout, headTimeout, idleTimeout, pingInterval, keepWarm}) {
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
