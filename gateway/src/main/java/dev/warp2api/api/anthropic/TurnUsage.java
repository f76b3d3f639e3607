package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.TokenEstimator;
import dev.warp2api.core.Usage;

/**
 * The usage figures of one response, by the same rules as the OpenAI dialect
 * ({@link TokenEstimator#counts}): Warp's counts when it reported them (output derived as total
 * minus input when Warp gives only those), else local estimates (input: the request estimate;
 * output: the characters of everything emitted at four per token). Not thread-safe; owned by one
 * renderer or aggregator.
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

  /**
   * {@code {input_tokens, output_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens:
   * 0}}.
   */
  ObjectNode json(Usage warp) {
    TokenEstimator.Counts counts = TokenEstimator.counts(warp, estimatedInput, emitted.length());
    return json(counts.promptTokens(), counts.completionTokens());
  }

  static ObjectNode json(long input, long output) {
    return Json.object()
        .put("input_tokens", input)
        .put("output_tokens", output)
        .put("cache_creation_input_tokens", 0)
        .put("cache_read_input_tokens", 0);
  }
}
