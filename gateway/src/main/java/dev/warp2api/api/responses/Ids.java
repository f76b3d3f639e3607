package dev.warp2api.api.responses;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids in OpenAI's form, a prefix and 48 hex digits: {@code resp_} responses, {@code msg_} messages,
 * {@code rs_} reasoning, {@code fc_} function calls, {@code ctc_} custom tool calls, {@code in_}
 * input items sent without one. Not secret (a stored response is also bound to its owner's key), so
 * drawn from {@link ThreadLocalRandom}. Thread-safe.
 */
final class Ids {
  private Ids() {}

  static String next(String prefix) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder(prefix.length() + 48).append(prefix);
    for (int i = 0; i < 3; i++) {
      String hex = Long.toHexString(r.nextLong());
      sb.append("0".repeat(16 - hex.length())).append(hex);
    }
    return sb.toString();
  }
}
