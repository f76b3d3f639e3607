package dev.warp2api.api.openai;

import dev.warp2api.core.ChatRequest;
import java.util.Objects;

/**
 * An OpenAI Chat Completions request, translated.
 *
 * @param chat the request in core terms, its model already resolved to a Warp id
 * @param stream whether the client asked for server-sent events
 * @param includeUsage {@code stream_options.include_usage}: whether a stream ends with a usage
 *     chunk
 * @param requestedModel the {@code model} the client sent, echoed as {@code model} in responses
 */
public record ParsedChat(
    ChatRequest chat, boolean stream, boolean includeUsage, String requestedModel) {
  public ParsedChat {
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(requestedModel, "requestedModel");
  }
}
