package dev.warp2api.core;

import java.util.List;
import java.util.Objects;

/**
 * One chat turn as a client asked for it, translated out of its dialect (OpenAI or Anthropic).
 *
 * @param model the Warp model id, already resolved from the client's name (see
 *     {@code ModelCatalog})
 * @param system the system prompt: every system text of the request joined with a blank line, or
 *     {@code null} when there was none
 * @param messages the whole conversation in order, system messages removed; the current input is
 *     the trailing run of {@link ChatMessage.User} or {@link ChatMessage.ToolResult} messages
 * @param tools the tools the model may call, in request order
 * @param toolChoice what the client said about tool use
 * @param maxTokens the client's output limit, or {@code null}; Warp cannot honour it, it is
 *     recorded
 * @param thinking whether the client asked for reasoning output
 */
public record ChatRequest(
    String model,
    String system,
    List<ChatMessage> messages,
    List<ToolSpec> tools,
    ToolChoice toolChoice,
    Integer maxTokens,
    boolean thinking) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
    toolChoice = toolChoice == null ? ToolChoice.AUTO : toolChoice;
  }
}
