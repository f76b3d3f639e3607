package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.TokenEstimator;
import dev.warp2api.core.ToolCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the events of one turn into a non-streamed {@code chat.completion} object:
 * {@code choices[0].message} with {@code role}, {@code content} (the text, or null when the turn
 * produced only tool calls), {@code tool_calls[]} (when any), {@code reasoning_content} (when any);
 * {@code finish_reason} as {@link Ending} decides; {@code usage} always, derived as
 * {@link TokenEstimator#counts} says.
 *
 * <p>One instance per response; not thread-safe.
 */
public final class OpenAiResponseAggregator implements ChatTranslation.ResponseAggregator {
  private final ResponseIdentity identity;
  private final String model;
  private final long promptEstimate;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final List<ToolCall> toolCalls = new ArrayList<>();
  private ChatEvent.Finished finished;
  private Ending.Normal ending;

  /**
   * @param identity the id and created time of this completion
   * @param model the model name as the client requested it
   * @param promptEstimate {@link TokenEstimator#ofRequest} of the request
   */
  public OpenAiResponseAggregator(ResponseIdentity identity, String model, long promptEstimate) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.model = Objects.requireNonNull(model, "model");
    this.promptEstimate = promptEstimate;
  }

  /** An aggregator for {@code parsed}, with a fresh id created now. */
  public static OpenAiResponseAggregator forRequest(ParsedChat parsed, Clock clock) {
    return new OpenAiResponseAggregator(
        ResponseIdentity.next(clock),
        parsed.requestedModel(),
        TokenEstimator.ofRequest(parsed.chat()));
  }

  /**
   * Takes one event.
   *
   * @throws GatewayException when a {@code Finished} ends the turn abnormally (see {@link Ending});
   *     the caller answers with that error instead of a completion
   * @throws IllegalStateException for an event after {@code Finished}
   */
  @Override
  public void accept(ChatEvent event) {
    if (finished != null) {
      throw new IllegalStateException("the turn has finished");
    }
    switch (event) {
      case ChatEvent.Started s -> {}
      case ChatEvent.TextDelta t -> text.append(t.text());
      case ChatEvent.ReasoningDelta r -> reasoning.append(r.text());
      case ChatEvent.ToolCallEvent c -> toolCalls.add(c.call());
      case ChatEvent.Finished f -> {
        switch (Ending.of(f, outputChars() > 0, !toolCalls.isEmpty())) {
          case Ending.TurnFailure failure -> throw failure.error();
          case Ending.Normal normal -> ending = normal;
        }
        finished = f;
      }
    }
  }

  /**
   * The {@code chat.completion} object.
   *
   * @throws GatewayException {@link ErrorKind#UPSTREAM_FAILED} when Warp's stream ended without a
   *     {@code Finished} event
   */
  public ObjectNode completion() {
    if (finished == null) {
      throw new Ending.UpstreamFailed(0, "Warp's stream ended before the turn finished").error();
    }
    ObjectNode root = OpenAiJson.object();
    root.put("id", identity.id());
    root.put("object", "chat.completion");
    root.put("created", identity.created());
    root.put("model", model);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message());
    choice.putNull("logprobs");
    choice.put("finish_reason", TurnEnding.finishReason(ending));
    root.set(
        "usage",
        OpenAiJson.usage(TokenEstimator.counts(finished.usage(), promptEstimate, outputChars())));
    return root;
  }

  /** {@link #completion()} as compact JSON text. */
  @Override
  public String json() {
    return OpenAiJson.write(completion());
  }

  private ObjectNode message() {
    ObjectNode message = OpenAiJson.object();
    message.put("role", "assistant");
    message.put("content", text.isEmpty() && !toolCalls.isEmpty() ? null : text.toString());
    if (!reasoning.isEmpty()) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!toolCalls.isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (ToolCall call : toolCalls) {
        ObjectNode c = calls.addObject();
        c.put("id", call.id());
        c.put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
      }
    }
    message.putNull("refusal");
    return message;
  }

  private long outputChars() {
    long chars = text.length() + reasoning.length();
    for (ToolCall call : toolCalls) {
      chars += call.name().length() + call.argumentsJson().length();
    }
    return chars;
  }
}
