package dev.warp2api.sim;

import java.util.Set;

/**
 * What the simulator saw of one client connection: how it was spoken and how many streams
 * (requests) it carried, for tests and benchmarks that count how an upstream client multiplexes.
 *
 * @param id the connection's number, from 1 in the order they were accepted
 * @param protocol {@code h2} or {@code http/1.1} (or {@code h2c} on a plain socket)
 * @param tls whether it was a TLS connection (each one is a handshake)
 * @param streams requests it carried in all, any route
 * @param peakStreams the most requests it carried at the same time
 * @param paths the request paths it carried ({@code /ai/multi-agent}, {@code /proxy/token},
 *     {@code /graphql/v2})
 * @param open whether it is still open
 * @param pings HTTP/2 PING frames the client sent on it (each answered, as HTTP/2 requires)
 */
public record SimConnection(
    int id,
    String protocol,
    boolean tls,
    long streams,
    int peakStreams,
    Set<String> paths,
    boolean open,
    long pings) {

  public SimConnection {
    paths = Set.copyOf(paths);
  }
}
