package dev.warp2api.sim;

/**
 * How the simulator is reached: plain HTTP (HTTP/1.1 and h2c), or TLS with a throwaway self-signed
 * certificate for {@code localhost} offering HTTP/2 and HTTP/1.1 by ALPN, the way Warp's own front
 * end is reached.
 *
 * @param tls whether to serve TLS
 * @param h2MaxStreams the {@code SETTINGS_MAX_CONCURRENT_STREAMS} advertised on every HTTP/2
 *     connection; Warp-like front ends set 100
 * @param http2 whether TLS offers HTTP/2 by ALPN (false: HTTP/1.1 only, like a front end that lost
 *     its HTTP/2 support)
 */
public record SimServing(boolean tls, int h2MaxStreams, boolean http2) {
  /** What common front ends advertise, and what the simulator advertises unless told otherwise. */
  public static final int DEFAULT_H2_MAX_STREAMS = 100;

  public SimServing {
    if (h2MaxStreams < 1) {
      throw new IllegalArgumentException("h2MaxStreams must be >= 1, got " + h2MaxStreams);
    }
  }

  /** Plain HTTP on loopback: HTTP/1.1, and h2c for clients that ask for it. */
  public static SimServing plain() {
    return new SimServing(false, DEFAULT_H2_MAX_STREAMS, true);
  }

  /**
   * TLS with HTTP/2 (and HTTP/1.1) by ALPN, advertising {@code maxStreams} concurrent streams per
   * connection.
   */
  public static SimServing tls(int maxStreams) {
    return new SimServing(true, maxStreams, true);
  }

  /** TLS that offers HTTP/1.1 only by ALPN. */
  public static SimServing tlsHttp11Only() {
    return new SimServing(true, DEFAULT_H2_MAX_STREAMS, false);
  }

  /** The URL scheme clients use. */
  public String scheme() {
    return tls ? "https" : "http";
  }
}
