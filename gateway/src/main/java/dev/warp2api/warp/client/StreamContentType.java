package dev.warp2api.warp.client;

import dev.warp2api.warp.protocol.UpstreamDrift;
import java.util.Locale;

/**
 * The {@code content-type} of Warp's 200 answer: {@code text/event-stream} (with any parameters) or
 * none is what the code reads. Anything else is counted as drift by its media type; an HTML page (a
 * captive portal, an intercepting proxy, an edge error page served with 200) can never be an event
 * stream and fails the call.
 */
final class StreamContentType {
  private StreamContentType() {}

  /** Null when the stream may be read; else what is wrong, to start the failure's description. */
  static String check(String contentType) {
    if (contentType == null || contentType.regionMatches(true, 0, "text/event-stream", 0, 17)) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .strip()
        .toLowerCase(Locale.ROOT);
    UpstreamDrift.global().unknown(UpstreamDrift.Kind.HEADER, "content-type (HTTP 200)", media);
    return media.equals("text/html")
        ? "upstream answered 200 with content-type text/html instead of an event stream"
        : null;
  }
}
