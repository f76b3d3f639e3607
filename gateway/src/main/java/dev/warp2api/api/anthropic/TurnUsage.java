package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.Usage;

/**
 * The usage figures of one response: Warp's counts when it reported them, else local estimates (input:
 * the request estimate; output: {@link InputTokenCounter#countText} over everything emitted). Not
 * thread-safe; owned by one renderer or aggregator.
 */
final class TurnUsage {
  private final int estimatedInput;
  private final StringBuilder emitted = new StringBuilder();

  TurnUsage(int estimatedInput) {
    this.estimatedInput = estimatedInput;
  }

  void emitted(String text) {
    emitted.append(text);
  }

  boolean sawOutput() {
    return !emitted.isEmpty();
  }

  long input(Usage warp) {
    return warp.inputTokens() >= 0 ? warp.inputTokens() : estimatedInput;
  }

  long output(Usage warp) {
    return warp.outputTokens() >= 0 ? warp.outputTokens() : InputTokenCounter.countText(emitted.toString());
  }

  /** {@code {input_tokens, output_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0}}. */
  ObjectNode json(Usage warp) {
    return json(input(warp), output(warp));
  }

  static ObjectNode json(long input, long output) {
    return Json.object()
        .put("input_tokens", input)
        .put("output_tokens", output)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0);
  }
}
