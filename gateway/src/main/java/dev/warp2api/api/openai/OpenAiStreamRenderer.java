package dev.warp2api.api.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.TokenEstimator;
import dev.warp2api.core.ToolCall;
import java.time.Clock;
import java.util.Objects;

/**
 * Renders one streamed completion as the exact server-sent-event text of OpenAI Chat Completions as
 * the official SDKs parse it: data-only events {@code data: <json>\n\n}, one {@code id} and
 * {@code created} throughout, ending with {@code data: [DONE]\n\n}.
 *
 * <ol>
 *   <li>{@link #head()}: the role chunk, {@code delta: {"role":"assistant","content":""}};
 *   <li>{@link #onEvent}: text as {@code delta.content}; reasoning as
 *       {@code delta.reasoning_content}; each tool call as two chunks, first
 *       {@code {index:k,id,type:"function",function:{name, arguments:""}}} then
 *       {@code {index:k,function:{arguments:"<whole JSON>"}}}, with k = 0, 1, 2… per call;
 *       {@code Finished} as the finish chunk ({@code delta: {}}, {@code finish_reason} as
 *       {@link TurnEnding} decides), the usage chunk when asked, and {@code [DONE]};
 *   <li>{@link #error}: {@code data: {"error":{...}}} and nothing more: no {@code [DONE]} follows
 *       (the official SDKs raise on the error object; a missing {@code [DONE]} also tells other
 *       clients the stream did not end normally). The caller then closes the stream.
 * </ol>
 *
 * <p>With {@code include_usage} every chunk carries {@code "usage":null} and a last chunk with
 * {@code "choices":[]} carries the totals; without it no chunk has a {@code usage} key. Usage
 * figures come from {@link TokenEstimator#counts}: Warp's numbers where given, else the request
 * estimate and the output length.
 *
 * <p>One instance per response; not thread-safe: use it from one event loop. Every method returns
 * the text to write, possibly empty. Methods throw {@link IllegalStateException} when called after
 * the stream has ended.
 */
public final class OpenAiStreamRenderer implements ChatTranslation.StreamRenderer {
  private final ResponseIdentity identity;
  private final String model;
  private final boolean includeUsage;
  private final long promptEstimate;
  private boolean headSent;
  private boolean ended;
  private String[] contentFrame;
  private String[] reasoningFrame;
  private int toolCalls;
  private long outputChars;

  /**
   * @param identity the id and created time of this completion
   * @param model the model name as the client requested it
   * @param includeUsage {@code stream_options.include_usage}
   * @param promptEstimate {@link TokenEstimator#ofRequest} of the request, used when Warp reports
   *     no input count
   */
  public OpenAiStreamRenderer(
      ResponseIdentity identity, String model, boolean includeUsage, long promptEstimate) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.model = Objects.requireNonNull(model, "model");
    this.includeUsage = includeUsage;
    this.promptEstimate = promptEstimate;
  }

  /** A renderer for {@code parsed}, with a fresh id created now. */
  public static OpenAiStreamRenderer forRequest(ParsedChat parsed, Clock clock) {
    return new OpenAiStreamRenderer(
        ResponseIdentity.next(clock),
        parsed.requestedModel(),
        parsed.includeUsage(),
        TokenEstimator.ofRequest(parsed.chat()));
  }

  /**
   * The first chunk, carrying the role. The caller holds it until the first content (or a
   * keep-alive).
   */
  @Override
  public String head() {
    checkOpen();
    if (headSent) {
      throw new IllegalStateException("head already sent");
    }
    headSent = true;
    ObjectNode delta = OpenAiJson.object();
    delta.put("role", "assistant");
    delta.put("content", "");
    return chunk(delta, null);
  }

  /**
   * The chunks for one event; {@code Started} yields nothing. The head is prepended if not sent
   * yet. A {@code Finished} that ends the turn abnormally (docs/PROTOCOL.md, 'Finish reasons') is
   * rendered as {@link #error}.
   */
  @Override
  public String onEvent(ChatEvent event) {
    checkOpen();
    String head = headSent ? "" : head();
    return head
        + switch (event) {
          case ChatEvent.Started s -> "";
          case ChatEvent.TextDelta t -> text("content", t.text());
          case ChatEvent.ReasoningDelta r -> text("reasoning_content", r.text());
          case ChatEvent.ToolCallEvent c -> toolCall(c.call());
          case ChatEvent.Finished f -> finish(f);
        };
  }

  /**
   * As {@link #onEvent(ChatEvent)}; a text chunk after the head is appended without a string of its
   * own.
   */
  @Override
  public void onEvent(ChatEvent event, StringBuilder out) {
    if (headSent && !ended) {
      switch (event) {
        case ChatEvent.TextDelta t -> {
          appendText("content", t.text(), out);
          return;
        }
        case ChatEvent.ReasoningDelta r -> {
          appendText("reasoning_content", r.text(), out);
          return;
        }
        case ChatEvent.Started s -> {}
        case ChatEvent.ToolCallEvent c -> {}
        case ChatEvent.Finished f -> {}
      }
    }
    out.append(onEvent(event));
  }

  /** The error event for a failure after the head was sent; the stream is over afterwards. */
  @Override
  public String error(GatewayException failure) {
    checkOpen();
    ended = true;
    return OpenAiJson.event(OpenAiErrors.body(failure));
  }

  /** A comment line that keeps proxies and clients from timing out; SDKs ignore it. */
  @Override
  public String keepAlive() {
    checkOpen();
    return ": keep-alive\n\n";
  }

  /** Whether the stream has ended ({@code [DONE]} or an error was rendered). */
  public boolean ended() {
    return ended;
  }

  private String text(String field, String text) {
    if (text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 256);
    appendText(field, text, out);
    return out.toString();
  }

  private void appendText(String field, String text, StringBuilder out) {
    if (text.isEmpty()) {
      return;
    }
    outputChars += text.length();
    // The hot path (one call per upstream text event): the chunk around the text never changes
    // within a
    // stream, so it is rendered once and the text is only escaped. Same bytes as chunk(delta,
    // null).
    String[] frame = field.equals("content") ? contentFrame : reasoningFrame;
    if (frame == null) {
      frame = textFrame(field);
      if (field.equals("content")) {
        contentFrame = frame;
      } else {
        reasoningFrame = frame;
      }
    }
    out.append(frame[0]);
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append(frame[1]);
  }

  /** The text of a one-field text chunk before and after the field's (escaped) value. */
  private String[] textFrame(String field) {
    String marker = "\u0000w2a\u0000";
    ObjectNode delta = OpenAiJson.object();
    delta.put(field, marker);
    String whole = chunk(delta, null);
    String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(marker));
    int at = whole.indexOf(quoted);
    return new String[] {whole.substring(0, at), whole.substring(at + quoted.length())};
  }

  private String toolCall(ToolCall call) {
    int index = toolCalls++;
    outputChars += call.name().length() + call.argumentsJson().length();
    ObjectNode opening = OpenAiJson.object();
    ObjectNode first = opening.putArray("tool_calls").addObject();
    first.put("index", index);
    first.put("id", call.id());
    first.put("type", "function");
    first.putObject("function").put("name", call.name()).put("arguments", "");
    ObjectNode arguments = OpenAiJson.object();
    ObjectNode second = arguments.putArray("tool_calls").addObject();
    second.put("index", index);
    second.putObject("function").put("arguments", call.argumentsJson());
    return chunk(opening, null) + chunk(arguments, null);
  }

  private String finish(ChatEvent.Finished finished) {
    return switch (Ending.of(finished, outputChars > 0, toolCalls > 0)) {
      case Ending.TurnFailure failure -> error(failure.error());
      case Ending.Normal normal -> end(normal, finished);
    };
  }

  private String end(Ending.Normal ending, ChatEvent.Finished finished) {
    ended = true;
    String text = chunk(OpenAiJson.object(), TurnEnding.finishReason(ending));
    if (includeUsage) {
      ObjectNode last = envelope();
      last.putArray("choices");
      last.set(
          "usage",
          OpenAiJson.usage(TokenEstimator.counts(finished.usage(), promptEstimate, outputChars)));
      text += OpenAiJson.event(last);
    }
    return text + "data: [DONE]\n\n";
  }

  private String chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = envelope();
    ArrayNode choices = chunk.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return OpenAiJson.event(chunk);
  }

  private ObjectNode envelope() {
    ObjectNode chunk = OpenAiJson.object();
    chunk.put("id", identity.id());
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", identity.created());
    chunk.put("model", model);
    return chunk;
  }

  private void checkOpen() {
    if (ended) {
      throw new IllegalStateException("the stream has ended");
    }
  }
}
