package dev.warp2api.api.anthropic;

import dev.warp2api.core.ChatRequest;
import java.util.List;
import java.util.Objects;

/**
 * An Anthropic Messages request, translated.
 *
 * @param chat the request in core terms, its model already resolved to a Warp id
 * @param stream whether the client asked for server-sent events
 * @param requestedModel the model name exactly as the client sent it; responses echo it
 * @param estimatedInputTokens the local input-token estimate
 *     ({@link dev.warp2api.core.TokenEstimator#ofRequest}), at least 1
 * @param skippedServerTools names of Anthropic server tools that were declared and skipped (for a
 *     log line)
 */
public record ParsedMessages(
    ChatRequest chat,
    boolean stream,
    String requestedModel,
    int estimatedInputTokens,
    List<String> skippedServerTools) {

  public ParsedMessages {
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(requestedModel, "requestedModel");
    skippedServerTools = skippedServerTools == null ? List.of() : List.copyOf(skippedServerTools);
  }

  /** A translation without skipped server tools. */
  public ParsedMessages(
      ChatRequest chat, boolean stream, String requestedModel, int estimatedInputTokens) {
    this(chat, stream, requestedModel, estimatedInputTokens, List.of());
  }
}
