package dev.warp2api.warp.protocol;

import java.util.UUID;

/**
 * Supplies the ids a {@link RequestBuilder} puts on the task and on every history message. Injected
 * so that tests can pin the bytes of a request. Implementations must be safe to call from the thread
 * that builds the request; {@link #random()} is thread-safe.
 */
@FunctionalInterface
public interface RequestIds {
  /** A new id, unique within the request. */
  String next();

  /** Random UUIDs (version 4), the form Warp's own client uses. */
  static RequestIds random() {
    return () -> UUID.randomUUID().toString();
  }
}
