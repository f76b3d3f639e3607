package dev.warp2api.api.anthropic;

import java.util.concurrent.ThreadLocalRandom;

/** Message ids in Anthropic's form, {@code msg_} and 24 random characters. Thread-safe. */
public final class MessageIds {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  /** Anthropic's ids carry 24 characters after the prefix. */
  private static final int LENGTH = 24;

  private MessageIds() {}

  /** A fresh id; not a secret, so a non-cryptographic random source is enough. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder("msg_");
    for (int i = 0; i < LENGTH; i++) {
      sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
