package dev.warp2api.warp.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Supplies the ids a {@link RequestBuilder} puts on the task and on every history message. Injected
 * so that tests can pin the bytes of a request. Implementations must be safe to call from the
 * thread that builds the request; {@link #random()} is thread-safe.
 */
@FunctionalInterface
public interface RequestIds {
  /** A new id, unique within the request. */
  String next();

  /**
   * Random UUIDs (version 4), the form Warp's own client uses. They only need to be unique within a
   * conversation, not unguessable, so they come from {@link java.util.concurrent.ThreadLocalRandom}
   * rather than {@code SecureRandom} (which showed up in profiles of request building).
   */
  static RequestIds random() {
    return () -> {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
      long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
      return new UUID(msb, lsb).toString();
    };
  }
}
