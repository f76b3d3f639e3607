package dev.warp2api.pipeline;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Who asked for a call and what for, as far as the usage records need it: never the request's
 * contents.
 *
 * @param key the client key's name ({@code key-1}, a named key), or null when no key is needed
 * @param model the Warp model id the request resolved to
 * @param dialect the route family that took the request ({@code openai}, {@code anthropic},
 *     {@code responses}, {@code bridge})
 * @param promptEstimate the request's local input-token estimate, asked only when Warp reports no
 *     input count
 */
public record CallLabel(String key, String model, String dialect, LongSupplier promptEstimate) {
  public CallLabel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dialect, "dialect");
    promptEstimate = promptEstimate == null ? () -> 0 : promptEstimate;
  }

  /** A call no route labelled (tests, tools): model and key unknown. */
  public static CallLabel unlabelled() {
    return new CallLabel(null, "unknown", "bridge", null);
  }
}
