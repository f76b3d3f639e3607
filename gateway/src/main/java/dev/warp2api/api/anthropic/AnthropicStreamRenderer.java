package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Renders one response's {@link ChatEvent}s as Anthropic Messages server-sent events.
 *
 * <p>Promises: {@link #start} is answered with {@code message_start} carrying the input-token
 * estimate; every content block is opened, filled and closed with consecutive indexes from 0;
 * consecutive text (or reasoning) deltas share one block; each tool call is its own
 * {@code tool_use} block with its whole input in one {@code input_json_delta}; a {@code thinking}
 * block is closed by a {@code signature_delta} with an empty signature (Warp gives none; the
 * official SDKs accept an empty string) and {@code content_block_stop}; {@link ChatEvent.Finished}
 * closes the open block, then sends {@code message_delta} with the stop reason and cumulative usage
 * (Warp's counts, else estimates) and {@code message_stop}. When {@link ReplyOptions#thinking()} is
 * off, reasoning deltas are dropped: no {@code thinking} block is sent (the other blocks keep
 * consecutive indexes from 0) and the dropped text counts neither as output nor in the output
 * estimate. There is no {@code [DONE]}. A finish that is a failure, or {@link #error}, ends the
 * stream with an {@code error} event instead.
 *
 * <p>Threading: not thread-safe; one instance per response, used from one event loop. Methods
 * return the text to write (possibly empty) and never block. Calls after the end return an empty
 * string.
 */
public final class AnthropicStreamRenderer {
  private enum Block {
    NONE,
    TEXT,
    THINKING
  }

  private final String model;
  private final ReplyOptions options;
  private final Supplier<String> ids;
  private TurnUsage usage;
  private Block open = Block.NONE;
  private String[] deltaFrame;
  private int nextIndex;
  private boolean sawToolCall;
  private boolean ended;

  /**
   * @param requestedModel the model name the client sent, echoed in {@code message_start}
   * @param options what the client asked to see (thinking blocks, the context-window stop reason)
   * @param ids the source of the message id (tests pass a fixed one; production
   *     {@link MessageIds#next})
   */
  public AnthropicStreamRenderer(
      String requestedModel, ReplyOptions options, Supplier<String> ids) {
    this.model = Objects.requireNonNull(requestedModel, "requestedModel");
    this.options = Objects.requireNonNull(options, "options");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** A renderer that shows reasoning as {@code thinking} blocks. */
  public AnthropicStreamRenderer(String requestedModel, Supplier<String> ids) {
    this(requestedModel, ReplyOptions.WITH_THINKING, ids);
  }

  public AnthropicStreamRenderer(String requestedModel, ReplyOptions options) {
    this(requestedModel, options, MessageIds::next);
  }

  /** The {@code message_start} event; call once, before any other method. */
  public String start(int estimatedInputTokens) {
    if (usage != null) {
      throw new IllegalStateException("start was already called");
    }
    usage = new TurnUsage(estimatedInputTokens);
    ObjectNode message = Json.object()
        .put("id", ids.get())
        .put("type", "message")
        .put("role", "assistant")
        .put("model", model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // output_tokens 1, as Anthropic's own message_start does before any output is counted.
    message.set("usage", TurnUsage.json(estimatedInputTokens, 1));
    ObjectNode event = Json.object().put("type", "message_start");
    event.set("message", message);
    return Json.sse(event);
  }

  /** The events for one upstream event; empty when it shows nothing to the client. */
  public String onEvent(ChatEvent event) {
    if (usage == null) {
      throw new IllegalStateException("start must be called first");
    }
    if (ended) {
      return "";
    }
    return switch (event) {
      case ChatEvent.Started started -> "";
      case ChatEvent.TextDelta text -> delta(Block.TEXT, text.text());
      case ChatEvent.ReasoningDelta reasoning -> delta(Block.THINKING, reasoning.text());
      case ChatEvent.ToolCallEvent call -> toolUse(call);
      case ChatEvent.Finished finished -> finish(finished);
    };
  }

  /**
   * Appends the events for one upstream event to {@code out}: the same text as
   * {@link #onEvent(ChatEvent)}, a text or thinking delta without a string of its own.
   */
  public void onEvent(ChatEvent event, StringBuilder out) {
    if (usage != null && !ended) {
      switch (event) {
        case ChatEvent.TextDelta text -> {
          appendDelta(Block.TEXT, text.text(), out);
          return;
        }
        case ChatEvent.ReasoningDelta reasoning -> {
          appendDelta(Block.THINKING, reasoning.text(), out);
          return;
        }
        case ChatEvent.Started s -> {}
        case ChatEvent.ToolCallEvent c -> {}
        case ChatEvent.Finished f -> {}
      }
    }
    out.append(onEvent(event));
  }

  /** A keep-alive for a silent upstream. */
  public String ping() {
    return ended ? "" : Json.sse(Json.object().put("type", "ping"));
  }

  /** Whether the stream has ended: {@code message_stop} or an {@code error} event was rendered. */
  public boolean ended() {
    return ended;
  }

  /** The {@code error} event that ends the stream after a failure. */
  public String error(GatewayException failure) {
    if (ended) {
      return "";
    }
    ended = true;
    ObjectNode event = Json.object().put("type", "error");
    event.set("error", AnthropicErrors.error(failure));
    return Json.sse(event);
  }

  private String delta(Block kind, String text) {
    if (text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    appendDelta(kind, text, out);
    return out.toString();
  }

  private void appendDelta(Block kind, String text, StringBuilder out) {
    if (text.isEmpty() || kind == Block.THINKING && !options.thinking()) {
      return;
    }
    usage.emitted(text);
    if (open != kind) {
      out.append(close());
      ObjectNode block = kind == Block.TEXT
          ? Json.object().put("type", "text").put("text", "")
          : Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
      out.append(blockStart(block));
      open = kind;
      deltaFrame = null;
    }
    // The hot path (one call per upstream text event): the event around the text is the same for
    // the
    // whole block, so it is rendered once per block and only the text is escaped.
    if (deltaFrame == null) {
      deltaFrame = deltaFrame(kind);
    }
    out.append(deltaFrame[0]);
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append(deltaFrame[1]);
  }

  /** The {@code content_block_delta} of the open block before and after its (escaped) text. */
  private String[] deltaFrame(Block kind) {
    String marker = "\u0000w2a\u0000";
    ObjectNode delta = kind == Block.TEXT
        ? Json.object().put("type", "text_delta").put("text", marker)
        : Json.object().put("type", "thinking_delta").put("thinking", marker);
    String whole = blockDelta(nextIndex, delta);
    String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(marker));
    int at = whole.indexOf(quoted);
    return new String[] {whole.substring(0, at), whole.substring(at + quoted.length())};
  }

  private String toolUse(ChatEvent.ToolCallEvent event) {
    ObjectNode input;
    try {
      input = ToolInput.input(event.call());
    } catch (GatewayException e) {
      return close() + error(e);
    }
    String json = Json.write(input);
    usage.emitted(event.call().name());
    usage.emitted(json);
    sawToolCall = true;
    String out = close() + blockStart(ToolInput.block(event.call(), Json.object()));
    out += blockDelta(
        nextIndex, Json.object().put("type", "input_json_delta").put("partial_json", json));
    return out + blockStop();
  }

  private String finish(ChatEvent.Finished finished) {
    String out = close();
    return switch (Ending.of(finished, usage.sawOutput() || sawToolCall, sawToolCall)) {
      case Ending.TurnFailure failure -> out + error(failure.error());
      case Ending.Normal normal -> out + stop(normal, finished);
    };
  }

  private String stop(Ending.Normal ending, ChatEvent.Finished finished) {
    ended = true;
    ObjectNode delta =
        Json.object().put("stop_reason", StopReason.of(ending, options.contextWindowStopReason()));
    delta.putNull("stop_sequence");
    ObjectNode event = Json.object().put("type", "message_delta");
    event.set("delta", delta);
    event.set("usage", usage.json(finished.usage()));
    return Json.sse(event) + Json.sse(Json.object().put("type", "message_stop"));
  }

  private String close() {
    if (open == Block.NONE) {
      return "";
    }
    String out = "";
    if (open == Block.THINKING) {
      out =
          blockDelta(nextIndex, Json.object().put("type", "signature_delta").put("signature", ""));
    }
    open = Block.NONE;
    return out + blockStop();
  }

  private String blockStart(ObjectNode block) {
    ObjectNode event = Json.object().put("type", "content_block_start").put("index", nextIndex);
    event.set("content_block", block);
    return Json.sse(event);
  }

  private static String blockDelta(int index, ObjectNode delta) {
    ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
    event.set("delta", delta);
    return Json.sse(event);
  }

  private String blockStop() {
    return Json.sse(Json.object().put("type", "content_block_stop").put("index", nextIndex++));
  }
}
