package dev.warp2api.core;

/**
 * Token and credit counts Warp reported for one turn. A count of {@code -1} means Warp did not
 * report it.
 *
 * <p>Today's Warp reports total tokens per model ({@code conversation_usage_metadata}) and the
 * input tokens of the latest call ({@code total_input_tokens}); output tokens are then derived as
 * total minus input. The legacy {@code token_usage} gives input and output directly.
 *
 * @param inputTokens prompt tokens, or -1
 * @param outputTokens completion tokens, or -1
 * @param totalTokens all tokens of the turn, or -1
 * @param credits credits charged for the request ({@code request_cost.exact + platform_credits}),
 *     or -1
 */
public record Usage(long inputTokens, long outputTokens, long totalTokens, double credits) {
  public static final Usage UNKNOWN = new Usage(-1, -1, -1, -1);

  public boolean isKnown() {
    return inputTokens >= 0 || outputTokens >= 0 || totalTokens >= 0;
  }
}
