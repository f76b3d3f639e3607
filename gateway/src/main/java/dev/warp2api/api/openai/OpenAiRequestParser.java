package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.optionalBoolean;
import static dev.warp2api.api.openai.FieldReader.optionalPositiveInt;
import static dev.warp2api.api.openai.FieldReader.requiredString;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ModelResolver;
import dev.warp2api.core.ToolSpec;
import java.util.List;
import java.util.Objects;

/**
 * Translates the JSON body of {@code POST /v1/chat/completions} into a {@link ParsedChat}.
 *
 * <p>Understood: {@code model} (resolved through the {@link ModelResolver}), {@code messages} (see
 * {@code MessageParser}), {@code tools}/{@code functions},
 * {@code tool_choice}/{@code function_call}, {@code stream}, {@code stream_options.include_usage},
 * {@code max_completion_tokens} (preferred) or {@code max_tokens}, and {@code reasoning_effort}:
 * any value but {@code "none"} sets {@link ChatRequest#thinking()} (Warp picks the effort by model
 * id; the value is not passed on).
 *
 * <p>Accepted and ignored, because Warp cannot honour them: {@code temperature}, {@code top_p},
 * {@code presence_penalty}, {@code frequency_penalty}, {@code seed}, {@code stop},
 * {@code logit_bias}, {@code user}, {@code response_format}, {@code parallel_tool_calls},
 * {@code logprobs} (no logprobs are ever returned), {@code top_logprobs}, {@code metadata},
 * {@code store}, {@code service_tier}, {@code prediction}, {@code modalities}, {@code audio} (each
 * type-checked: see {@link IgnoredFields}), and any unknown field (never checked). {@code n}
 * greater than 1 is rejected: Warp produces one answer.
 *
 * <p>Thread-safe if the resolver is.
 */
public final class OpenAiRequestParser {
  private final ModelResolver models;

  public OpenAiRequestParser(ModelResolver models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  /**
   * @param body the parsed request body
   * @return the translated request
   * @throws GatewayException {@link ErrorKind#INVALID_REQUEST} naming the offending field's path,
   *     or {@link ErrorKind#MODEL_NOT_FOUND} for an unknown model
   */
  public ParsedChat parse(JsonNode body) {
    if (isMissing(body) || !body.isObject()) {
      throw GatewayException.invalid("The request body must be a JSON object", null);
    }
    String requested = requiredString(body, "model", "");
    checkN(body.get("n"));
    IgnoredFields.check(body);
    boolean stream = optionalBoolean(body, "stream", "", false);
    boolean includeUsage = false;
    JsonNode streamOptions = body.get("stream_options");
    if (!isMissing(streamOptions)) {
      FieldReader.requireObject(streamOptions, "stream_options");
      includeUsage = optionalBoolean(streamOptions, "include_usage", "stream_options", false);
    }
    Integer maxTokens = optionalPositiveInt(body, "max_completion_tokens", "");
    Integer legacyMax = optionalPositiveInt(body, "max_tokens", "");
    boolean thinking = thinking(body);
    MessageParser.Messages messages = MessageParser.parse(body);
    List<ToolSpec> tools = ToolParser.tools(body);
    var toolChoice = ToolParser.choice(body, tools);
    String model = models
        .resolve(requested)
        .orElseThrow(() -> GatewayException.about(
            ErrorKind.MODEL_NOT_FOUND, "The model `" + requested + "` does not exist", "model"));
    ChatRequest chat = new ChatRequest(
        model,
        messages.system(),
        messages.conversation(),
        tools,
        toolChoice,
        maxTokens != null ? maxTokens : legacyMax,
        thinking);
    return new ParsedChat(chat, stream, includeUsage, requested);
  }

  private static void checkN(JsonNode n) {
    if (isMissing(n)) {
      return;
    }
    if (!n.isIntegralNumber()) {
      throw wrongType("n", "an integer", n);
    }
    if (n.longValue() != 1) {
      throw invalid("n", "must be 1: this gateway returns exactly one choice, got " + n.asText());
    }
  }

  private static boolean thinking(JsonNode body) {
    JsonNode effort = body.get("reasoning_effort");
    if (isMissing(effort)) {
      return false;
    }
    if (!effort.isTextual()) {
      throw wrongType("reasoning_effort", "a string", effort);
    }
    return !effort.asText().equals("none");
  }
}
