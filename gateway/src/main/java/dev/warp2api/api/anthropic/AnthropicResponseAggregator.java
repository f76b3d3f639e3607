package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Collects one response's {@link ChatEvent}s into a single Anthropic {@code message} object, for
 * requests without {@code stream}. The content is the same as {@link AnthropicStreamRenderer}
 * streams: consecutive reasoning deltas form one {@code thinking} block (empty {@code signature}),
 * consecutive text deltas one {@code text} block, and each tool call its own {@code tool_use} block
 * with its input parsed into an object; usage and stop reason follow the same rules. When
 * {@link ReplyOptions#thinking()} is off, reasoning is dropped and the message has no
 * {@code thinking} block.
 *
 * <p>Threading: not thread-safe; one instance per response, fed from one event loop.
 */
public final class AnthropicResponseAggregator implements ChatTranslation.ResponseAggregator {
  private final String model;
  private final ReplyOptions options;
  private final Supplier<String> ids;
  private final TurnUsage usage;
  private final ArrayNode content = Json.MAPPER.createArrayNode();
  private ObjectNode openBlock;
  private String openField;
  private boolean sawToolCall;
  private ObjectNode message;
  private GatewayException failure;

  /**
   * @param requestedModel the model name the client sent, echoed in the message
   * @param estimatedInputTokens the request's input estimate, used when Warp reports no input count
   * @param options what the client asked to see (thinking blocks, the context-window stop reason)
   * @param ids the source of the message id
   */
  public AnthropicResponseAggregator(
      String requestedModel, int estimatedInputTokens, ReplyOptions options, Supplier<String> ids) {
    this.model = Objects.requireNonNull(requestedModel, "requestedModel");
    this.options = Objects.requireNonNull(options, "options");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.usage = new TurnUsage(estimatedInputTokens);
  }

  /** An aggregator that shows reasoning as a {@code thinking} block. */
  public AnthropicResponseAggregator(
      String requestedModel, int estimatedInputTokens, Supplier<String> ids) {
    this(requestedModel, estimatedInputTokens, ReplyOptions.WITH_THINKING, ids);
  }

  public AnthropicResponseAggregator(
      String requestedModel, int estimatedInputTokens, ReplyOptions options) {
    this(requestedModel, estimatedInputTokens, options, MessageIds::next);
  }

  /** Takes the next event; events after {@link ChatEvent.Finished} are ignored. */
  @Override
  public void accept(ChatEvent event) {
    if (isDone()) {
      return;
    }
    switch (event) {
      case ChatEvent.Started started -> {}
      case ChatEvent.TextDelta text -> append("text", text.text());
      case ChatEvent.ReasoningDelta reasoning -> {
        if (options.thinking()) {
          append("thinking", reasoning.text());
        }
      }
      case ChatEvent.ToolCallEvent call -> toolUse(call);
      case ChatEvent.Finished finished -> finish(finished);
    }
  }

  /** Whether the turn has ended, normally or not. */
  public boolean isDone() {
    return message != null || failure != null;
  }

  /**
   * The finished message as a JSON text.
   *
   * @throws GatewayException when the turn ended in a failure (Warp's finish reason or bad tool
   *     arguments)
   * @throws IllegalStateException when no {@link ChatEvent.Finished} has arrived yet
   */
  @Override
  public String json() {
    if (failure != null) {
      throw failure;
    }
    if (message == null) {
      throw new IllegalStateException("the turn has not finished");
    }
    return Json.write(message);
  }

  private void append(String type, String text) {
    if (text.isEmpty()) {
      return;
    }
    usage.emitted(text);
    if (openBlock == null || !openField.equals(type)) {
      openBlock = Json.object().put("type", type).put(type, "");
      if (type.equals("thinking")) {
        openBlock.put("signature", "");
      }
      openField = type;
      content.add(openBlock);
    }
    openBlock.put(type, openBlock.get(type).asText() + text);
  }

  private void toolUse(ChatEvent.ToolCallEvent event) {
    openBlock = null;
    try {
      ObjectNode input = ToolInput.input(event.call());
      usage.emitted(event.call().name());
      usage.emitted(Json.write(input));
      content.add(ToolInput.block(event.call(), input));
      sawToolCall = true;
    } catch (GatewayException e) {
      failure = e;
    }
  }

  private void finish(ChatEvent.Finished finished) {
    openBlock = null;
    String reason;
    switch (Ending.of(finished, usage.sawOutput() || sawToolCall, sawToolCall)) {
      case Ending.TurnFailure f -> {
        failure = f.error();
        return;
      }
      case Ending.Normal normal ->
        reason = StopReason.of(normal, options.contextWindowStopReason());
    }
    ObjectNode m = Json.object()
        .put("id", ids.get())
        .put("type", "message")
        .put("role", "assistant")
        .put("model", model);
    m.set("content", content);
    m.put("stop_reason", reason);
    m.putNull("stop_sequence");
    m.set("usage", usage.json(finished.usage()));
    message = m;
  }
}
