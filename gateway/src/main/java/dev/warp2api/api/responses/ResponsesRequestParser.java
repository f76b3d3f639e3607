package dev.warp2api.api.responses;

import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.optionalBoolean;
import static dev.warp2api.api.openai.FieldReader.optionalPositiveInt;
import static dev.warp2api.api.openai.FieldReader.optionalString;
import static dev.warp2api.api.openai.FieldReader.requireObject;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ModelResolver;
import java.util.List;
import java.util.Objects;

/**
 * Reads the body of {@code POST /v1/responses} (and {@code /v1/responses/input_tokens}) into a
 * {@link ParsedResponse}. Nothing is stored or sent while reading: a request that fails here has no
 * effect.
 *
 * <p>Understood: {@code model}, {@code input} (see {@link InputItems}), {@code instructions} (first
 * in the system prompt, before the developer and system messages), {@code previous_response_id} (a
 * response this key stored: its conversation and output come first; its {@code instructions} are
 * not carried over), {@code tools} and {@code tool_choice} (see {@link ResponseTools}),
 * {@code stream}, {@code store} (default true), {@code reasoning} ({@code effort} other than
 * {@code none} asks for reasoning summaries), {@code max_output_tokens} (recorded; Warp cannot
 * honour it), {@code parallel_tool_calls} and {@code metadata} (echoed). Accepted and not used, as
 * Warp has no such control: {@code temperature}, {@code top_p}, {@code truncation},
 * {@code include}, {@code text}, {@code user}, {@code prompt_cache_key}, {@code safety_identifier},
 * {@code service_tier}, {@code client_metadata} and any unknown field. Rejected: {@code background:
 * true} and {@code conversation}, which need server-side state the gateway does not keep.
 *
 * <p>Thread-safe if the resolver and the store are.
 */
final class ResponsesRequestParser {
  private final ModelResolver models;
  private final ResponseStore store;

  ResponsesRequestParser(ModelResolver models, ResponseStore store) {
    this.models = Objects.requireNonNull(models, "models");
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @param owner whose stored responses {@code previous_response_id} may name
   * @param counting for {@code input_tokens}: {@code model} may be absent and the input may end
   *     anywhere
   * @throws GatewayException {@code INVALID_REQUEST} naming the field, or {@code MODEL_NOT_FOUND}
   */
  ParsedResponse parse(JsonNode body, String owner, boolean counting) {
    if (isMissing(body) || !body.isObject()) {
      throw GatewayException.invalid("The request body must be a JSON object", null);
    }
    ObjectNode echo = JsonNodeFactory.instance.objectNode();
    String requested = optionalString(body, "model", "");
    if (requested == null && !counting) {
      throw invalid("model", "is required");
    }
    String model = requested == null
        ? null
        : models
            .resolve(requested)
            .orElseThrow(() -> GatewayException.about(
                ErrorKind.MODEL_NOT_FOUND,
                "The model `" + requested + "` does not exist",
                "model"));
    boolean stream = optionalBoolean(body, "stream", "", false);
    boolean keep = optionalBoolean(body, "store", "", true) && !counting;
    if (optionalBoolean(body, "background", "", false)) {
      throw invalid(
          "background", "must be false: background responses are not supported by this gateway");
    }
    if (!isMissing(body.get("conversation"))) {
      throw invalid(
          "conversation",
          "is not supported by this gateway; continue with previous_response_id instead");
    }
    Integer maxTokens = optionalPositiveInt(body, "max_output_tokens", "");
    boolean parallel = optionalBoolean(body, "parallel_tool_calls", "", true);
    JsonNode metadata = body.get("metadata");
    if (!isMissing(metadata) && !metadata.isObject()) {
      throw wrongType("metadata", "an object", metadata);
    }
    JsonNode reasoningNode = body.get("reasoning");
    boolean reasoning = false;
    if (!isMissing(reasoningNode)) {
      requireObject(reasoningNode, "reasoning");
      String effort = optionalString(reasoningNode, "effort", "reasoning");
      reasoning = !"none".equals(effort);
    }
    String instructions = instructions(body.get("instructions"));

    InputItems items = new InputItems();
    ArrayNode history = JsonNodeFactory.instance.arrayNode();
    String previousId = optionalString(body, "previous_response_id", "");
    if (previousId != null) {
      StoredResponse previous = store
          .find(owner, previousId)
          .orElseThrow(() -> invalid(
              "previous_response_id",
              "names `" + previousId
                  + "`, which is not a stored response of this key (unknown, expired, deleted,"
                  + " or created with store: false)"));
      history = previous.conversation();
      items.history(history);
    }
    JsonNode input = body.get("input");
    ArrayNode kept;
    if (isMissing(input)) {
      if (previousId == null && !counting) {
        throw invalid(
            "input", "is required (or continue a stored response with previous_response_id)");
      }
      kept = JsonNodeFactory.instance.arrayNode();
    } else {
      kept = items.input(input);
    }
    ResponseTools.Tools tools = ResponseTools.parse(body);
    List<ChatMessage> conversation = items.conversation();
    if (!counting) {
      requireCurrentInput(conversation);
    }
    String system = joinSystem(instructions, items.system());

    echo.put("model", requested == null ? "" : requested);
    echo.put("instructions", instructions);
    echo.put("previous_response_id", previousId);
    echo.set(
        "tools",
        isMissing(body.get("tools")) ? JsonNodeFactory.instance.arrayNode() : body.get("tools"));
    echo.set(
        "tool_choice",
        isMissing(body.get("tool_choice"))
            ? JsonNodeFactory.instance.textNode("auto")
            : body.get("tool_choice"));
    echo.put("parallel_tool_calls", parallel);
    echo.set("metadata", isMissing(metadata) ? JsonNodeFactory.instance.objectNode() : metadata);
    ObjectNode reasoningEcho = echo.putObject("reasoning");
    reasoningEcho.set("effort", isMissing(reasoningNode) ? null : reasoningNode.get("effort"));
    reasoningEcho.set("summary", isMissing(reasoningNode) ? null : reasoningNode.get("summary"));
    if (maxTokens == null) {
      echo.putNull("max_output_tokens");
    } else {
      echo.put("max_output_tokens", maxTokens);
    }
    copyNumber(body, "temperature", echo);
    copyNumber(body, "top_p", echo);
    echo.put(
        "truncation",
        body.path("truncation").isTextual() ? body.get("truncation").asText() : "disabled");
    echo.put("store", keep);

    ChatRequest chat = new ChatRequest(
        model == null ? "auto" : model,
        system,
        conversation,
        tools.specs(),
        tools.choice(),
        maxTokens,
        reasoning);
    return new ParsedResponse(
        chat, stream, keep, owner, reasoning, tools.names(), history, kept, echo);
  }

  private static void copyNumber(JsonNode body, String field, ObjectNode echo) {
    JsonNode n = body.get(field);
    if (!isMissing(n) && !n.isNumber()) {
      throw wrongType(field, "a number", n);
    }
    echo.set(field, isMissing(n) ? null : n);
  }

  /**
   * {@code instructions}: a string, or (as a response object shows them) message items with text.
   */
  private static String instructions(JsonNode node) {
    if (isMissing(node)) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (!node.isArray()) {
      throw wrongType("instructions", "a string", node);
    }
    InputItems items = new InputItems();
    items.history(node);
    return items.system();
  }

  private static String joinSystem(String instructions, String fromItems) {
    if (instructions == null || instructions.isEmpty()) {
      return fromItems;
    }
    return fromItems == null ? instructions : instructions + "\n\n" + fromItems;
  }

  private static void requireCurrentInput(List<ChatMessage> conversation) {
    if (conversation.isEmpty()) {
      throw invalid(
          "input",
          "must contain a user message or a tool output, not only system or developer messages");
    }
    if (conversation.getLast() instanceof ChatMessage.Assistant) {
      throw invalid(
          "input",
          "ends with the assistant's items; the last item must be a user message or a tool"
              + " output");
    }
  }
}
