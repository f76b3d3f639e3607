package dev.warp2api.api.openai;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code id} and {@code created} of one completion, the same in every chunk of a stream.
 *
 * @param id {@code chatcmpl-} followed by 24 random letters and digits
 * @param created Unix seconds when the response began
 */
public record ResponseIdentity(String id, long created) {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  public ResponseIdentity {
    Objects.requireNonNull(id, "id");
  }

  /** A fresh random id, created now by {@code clock}. Thread-safe. */
  public static ResponseIdentity next(Clock clock) {
    char[] suffix = new char[24];
    for (int i = 0; i < suffix.length; i++) {
      suffix[i] = ALPHABET[ThreadLocalRandom.current().nextInt(ALPHABET.length)];
    }
    return new ResponseIdentity(
        "chatcmpl-" + new String(suffix), clock.instant().getEpochSecond());
  }
}
