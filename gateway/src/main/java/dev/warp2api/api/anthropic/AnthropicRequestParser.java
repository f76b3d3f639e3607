package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ModelResolver;
import dev.warp2api.core.TokenEstimator;
import java.util.Objects;

/**
 * Translates the JSON body of {@code POST /v1/messages} (and of {@code count_tokens}) into a
 * {@link ChatRequest}.
 *
 * <p>What it accepts: {@code model} (required, resolved through the {@link ModelResolver}),
 * {@code max_tokens} (required integer ≥ 1, except for counting), {@code messages} (required,
 * non-empty; roles {@code user}, {@code assistant}, and {@code system} anywhere, whose text joins
 * the system prompt), top-level {@code system}, {@code tools}, {@code tool_choice},
 * {@code thinking}, {@code stream}. {@code thinking.type} {@code "disabled"} turns reasoning off,
 * any other type ({@code enabled}, {@code adaptive}, future ones) turns it on.
 *
 * <p>What it accepts and ignores, because Warp has no equivalent: {@code stop_sequences} (Warp
 * cannot stop on a client's sequence, so {@code stop_reason} is never {@code stop_sequence}),
 * {@code metadata} (object, {@code user_id} string or not), {@code temperature}, {@code top_p},
 * {@code top_k}, {@code service_tier}, {@code container}, {@code mcp_servers},
 * {@code context_management}, {@code output_config}, {@code cache_control} anywhere, and every
 * unknown field. Content block rules are in {@link ContentBlocks}, tool rules in
 * {@link ToolDeclarations}, system-message rules in {@link Conversation}.
 *
 * <p>Stateless and thread-safe; it does no I/O and may run on an event loop.
 */
public final class AnthropicRequestParser {
  private final ModelResolver models;

  public AnthropicRequestParser(ModelResolver models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  /**
   * Translates a Messages request body.
   *
   * @throws GatewayException {@code INVALID_REQUEST} naming the field path for any missing or
   *     mistyped field or unsupported content; {@code MODEL_NOT_FOUND} (param {@code model}) for an
   *     unknown model
   */
  public ParsedMessages parse(JsonNode body) {
    return translate(body, true);
  }

  /**
   * Translates a {@code count_tokens} body: like {@link #parse} but {@code max_tokens} is neither
   * required nor checked, {@code stream} is ignored, and the rules that only Warp needs are skipped
   * (the conversation may end with an assistant turn or hold only system messages), since nothing
   * is sent.
   *
   * @throws GatewayException as {@link #parse}
   */
  public ParsedMessages parseForCounting(JsonNode body) {
    return translate(body, false);
  }

  private ParsedMessages translate(JsonNode raw, boolean forReply) {
    if (raw == null || !raw.isObject()) {
      throw GatewayException.invalid("request body: must be a JSON object", null);
    }
    ObjectNode body = (ObjectNode) raw;
    String requested = Fields.requiredString(body, "model", "");
    String model = models
        .resolve(requested)
        .orElseThrow(() -> GatewayException.about(
            ErrorKind.MODEL_NOT_FOUND, "model: unknown model '" + requested + "'", "model"));
    Integer maxTokens = forReply ? Fields.requiredInt(body, "max_tokens", "", 1) : null;
    boolean stream = forReply && Fields.optionalBoolean(body, "stream", "", false);
    Conversation conversation = Conversation.read(body, forReply);
    ToolDeclarations tools = ToolDeclarations.read(body);
    ChatRequest chat = new ChatRequest(
        model,
        conversation.system(),
        conversation.messages(),
        tools.tools(),
        tools.choice(),
        maxTokens,
        thinking(body));
    return new ParsedMessages(
        chat,
        stream,
        requested,
        (int) Math.min(Integer.MAX_VALUE, TokenEstimator.ofRequest(chat)),
        tools.skippedServerTools());
  }

  private static boolean thinking(ObjectNode body) {
    if (!Fields.present(body, "thinking")) {
      return false;
    }
    ObjectNode thinking = Fields.object(body.get("thinking"), "thinking");
    String type = Fields.requiredString(thinking, "type", "thinking");
    if (Fields.present(thinking, "budget_tokens")) {
      Fields.requiredInt(thinking, "budget_tokens", "thinking", 0);
    }
    return !type.equals("disabled");
  }
}
