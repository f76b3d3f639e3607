package dev.warp2api.api.responses;

import static dev.warp2api.api.openai.FieldReader.index;
import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.optionalString;
import static dev.warp2api.api.openai.FieldReader.path;
import static dev.warp2api.api.openai.FieldReader.requireObject;
import static dev.warp2api.api.openai.FieldReader.requiredString;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.openai.ContentParser;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.ToolCall;
import dev.warp2api.warp.protocol.StructDepth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Responses input items (a stored conversation's, then the request's own) into the system
 * prompt and the conversation.
 *
 * <ul>
 *   <li>{@code message} (also without {@code type} when it has a {@code role}): {@code system} and
 *       {@code developer} text joins the system prompt; {@code user} content is a string or
 *       {@code input_text} / {@code input_image} (a {@code data:} URL) parts; {@code assistant}
 *       content is a string or {@code output_text} / {@code refusal} parts;
 *   <li>{@code reasoning}: its summary text becomes the next assistant turn's reasoning;
 *       {@code encrypted_content} is ignored;
 *   <li>{@code function_call} (with its {@code namespace}, if any) and {@code custom_tool_call}:
 *       calls of the assistant turn they follow; {@code function_call_output} and
 *       {@code custom_tool_call_output}: results, whose {@code call_id} must be a call of the
 *       history;
 *   <li>{@code item_reference}: an item of the continued response, or an earlier item of this
 *       input;
 *   <li>the items of OpenAI's built-in tools ({@code web_search_call}, ...) are kept as history and
 *       not forwarded; an unknown type is skipped (logged at debug).
 * </ul>
 *
 * Consecutive reasoning, assistant message and call items form one assistant turn. Not thread-safe:
 * one instance reads one request.
 */
final class InputItems {
  private static final Logger LOG = LoggerFactory.getLogger(InputItems.class);

  /**
   * Items of OpenAI-run tools and other kinds Warp has no use for: accepted as history, not
   * forwarded.
   */
  static final Set<String> HISTORY_ONLY = Set.of(
      "web_search_call",
      "file_search_call",
      "computer_call",
      "computer_call_output",
      "code_interpreter_call",
      "image_generation_call",
      "local_shell_call",
      "local_shell_call_output",
      "shell_call",
      "shell_call_output",
      "apply_patch_call",
      "apply_patch_call_output",
      "mcp_call",
      "mcp_list_tools",
      "mcp_approval_request",
      "mcp_approval_response",
      "compaction",
      "tool_search_call",
      "tool_search_output");

  private final List<String> system = new ArrayList<>();
  private final List<ChatMessage> conversation = new ArrayList<>();
  private final Set<String> callIds = new HashSet<>();
  private final Map<String, JsonNode> byId = new HashMap<>();
  private StringBuilder pendingText;
  private StringBuilder pendingReasoning;
  private List<ToolCall> pendingCalls;

  /**
   * Items of an earlier response, trusted (they were read before): only remembered and replayed.
   */
  void history(JsonNode items) {
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      remember(item);
      read(item, "input", false);
    }
  }

  /**
   * Reads the request's {@code input} (a string or an array of items) and returns the items as they
   * are kept with a stored response: each with an {@code id} (given one when it had none),
   * references resolved.
   */
  ArrayNode input(JsonNode input) {
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    if (input.isTextual()) {
      ObjectNode message = kept.addObject();
      message.put("id", Ids.next("msg_"));
      message.put("type", "message");
      message.put("role", "user");
      message.putArray("content").addObject().put("type", "input_text").put("text", input.asText());
      read(message, "input", true);
      return kept;
    }
    if (!input.isArray()) {
      throw wrongType("input", "a string or an array of input items", input);
    }
    for (int i = 0; i < input.size(); i++) {
      String p = index("input", i);
      JsonNode item = requireObject(input.get(i), p);
      if ("item_reference".equals(optionalString(item, "type", p))) {
        String id = requiredString(item, "id", p);
        JsonNode found = byId.get(id);
        if (found == null) {
          throw invalid(
              path(p, "id"),
              "refers to item `" + id + "`, which is neither in the response being continued"
                  + " (previous_response_id) nor earlier in this input");
        }
        item = found;
      }
      read(item, p, true);
      ObjectNode copy = ((ObjectNode) item).deepCopy();
      if (!copy.hasNonNull("id")) {
        copy.put("id", Ids.next("in_"));
      }
      remember(copy);
      kept.add(copy);
    }
    return kept;
  }

  private void remember(JsonNode item) {
    JsonNode id = item.get("id");
    if (id != null && id.isTextual()) {
      byId.put(id.asText(), item);
    }
  }

  /** The system prompt: every system and developer text joined with a blank line, or null. */
  String system() {
    return system.isEmpty() ? null : String.join("\n\n", system);
  }

  /** The conversation so far, with the assistant turn in progress closed. */
  List<ChatMessage> conversation() {
    flushAssistant();
    return List.copyOf(conversation);
  }

  private void read(JsonNode item, String p, boolean check) {
    String type = optionalString(item, "type", p);
    if (type == null) {
      if (isMissing(item.get("role"))) {
        throw invalid(path(p, "type"), "is required");
      }
      type = "message";
    }
    switch (type) {
      case "message" -> message(item, p);
      case "reasoning" -> reasoning(item, p);
      case "function_call" -> {
        String namespace = optionalString(item, "namespace", p);
        call(new ToolCall(
            requiredString(item, "call_id", p),
            ToolNames.warpName(namespace, requiredString(item, "name", p)),
            arguments(item, p)));
      }
      case "custom_tool_call" -> {
        String namespace = optionalString(item, "namespace", p);
        ObjectNode args =
            JsonNodeFactory.instance.objectNode().put("input", requiredString(item, "input", p));
        call(new ToolCall(
            requiredString(item, "call_id", p),
            ToolNames.warpName(namespace, requiredString(item, "name", p)),
            args.toString()));
      }
      case "function_call_output", "custom_tool_call_output" -> {
        String callId = requiredString(item, "call_id", p);
        if (check && !callIds.contains(callId)) {
          throw invalid(
              path(p, "call_id"),
              "is `" + callId + "`, which no function_call or custom_tool_call of the"
                  + " conversation has (send the call before its output, or continue the response that made it)");
        }
        String output = output(item.get("output"), path(p, "output"));
        flushAssistant();
        conversation.add(new ChatMessage.ToolResult(callId, output, false));
      }
      case "item_reference" -> throw invalid(p, "refers to another item reference");
      default -> {
        if (!HISTORY_ONLY.contains(type)) {
          LOG.debug("event=responses.item_skipped type={} reason=unknown_type", type);
        }
      }
    }
  }

  private void message(JsonNode item, String p) {
    String role = requiredString(item, "role", p);
    String cp = path(p, "content");
    JsonNode content = item.get("content");
    switch (role) {
      case "system", "developer" -> {
        String text = text(content, cp);
        if (!text.isEmpty()) {
          system.add(text);
        }
      }
      case "user" -> {
        flushAssistant();
        conversation.add(new ChatMessage.User(userParts(content, cp)));
      }
      case "assistant" -> {
        String text = text(content, cp);
        pending();
        if (!pendingText.isEmpty() && !text.isEmpty()) {
          pendingText.append('\n');
        }
        pendingText.append(text);
      }
      default ->
        throw invalid(
            path(p, "role"),
            "has unknown role `" + role + "` (expected user, assistant, system or developer)");
    }
  }

  private void reasoning(JsonNode item, String p) {
    JsonNode summary = item.get("summary");
    StringBuilder text = new StringBuilder();
    if (!isMissing(summary)) {
      if (!summary.isArray()) {
        throw wrongType(path(p, "summary"), "an array", summary);
      }
      for (int i = 0; i < summary.size(); i++) {
        String sp = index(path(p, "summary"), i);
        JsonNode part = requireObject(summary.get(i), sp);
        if (!text.isEmpty()) {
          text.append("\n\n");
        }
        text.append(requiredString(part, "text", sp));
      }
    }
    if (text.isEmpty()) {
      return; // only encrypted content, which Warp cannot read
    }
    pending();
    if (!pendingReasoning.isEmpty()) {
      pendingReasoning.append("\n\n");
    }
    pendingReasoning.append(text);
  }

  private void call(ToolCall call) {
    pending();
    pendingCalls.add(call);
    callIds.add(call.id());
  }

  private void pending() {
    if (pendingText == null) {
      pendingText = new StringBuilder();
      pendingReasoning = new StringBuilder();
      pendingCalls = new ArrayList<>();
    }
  }

  private void flushAssistant() {
    if (pendingText == null) {
      return;
    }
    conversation.add(new ChatMessage.Assistant(
        pendingText.toString(),
        pendingReasoning.isEmpty() ? null : pendingReasoning.toString(),
        pendingCalls));
    pendingText = null;
    pendingReasoning = null;
    pendingCalls = null;
  }

  /** {@code arguments}: a JSON text; an object is accepted and written as text. */
  private static String arguments(JsonNode item, String p) {
    JsonNode args = item.get("arguments");
    if (isMissing(args)) {
      throw invalid(path(p, "arguments"), "is required");
    }
    if (args.isTextual()) {
      StructDepth.requireText(args.asText(), path(p, "arguments"));
      return args.asText();
    }
    if (args.isObject()) {
      StructDepth.require(args, path(p, "arguments"));
      return args.toString();
    }
    throw wrongType(path(p, "arguments"), "a JSON string", args);
  }

  /**
   * A tool's output: a string, or parts whose text is joined (images and files are not passed on).
   */
  private static String output(JsonNode output, String p) {
    if (isMissing(output)) {
      throw invalid(p, "is required");
    }
    if (output.isTextual()) {
      return output.asText();
    }
    if (!output.isArray()) {
      throw wrongType(p, "a string or an array of content parts", output);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < output.size(); i++) {
      String pp = index(p, i);
      JsonNode part = requireObject(output.get(i), pp);
      String type = requiredString(part, "type", pp);
      if (type.equals("input_text") || type.equals("output_text") || type.equals("text")) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(requiredString(part, "text", pp));
      }
    }
    return sb.toString();
  }

  /** Text content (system, developer, assistant): a string, or text parts joined with newlines. */
  private static String text(JsonNode content, String p) {
    if (isMissing(content)) {
      throw invalid(p, "is required");
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw wrongType(p, "a string or an array of content parts", content);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      String pp = index(p, i);
      JsonNode part = requireObject(content.get(i), pp);
      String type = requiredString(part, "type", pp);
      String text = switch (type) {
        case "input_text", "output_text", "text", "summary_text", "reasoning_text" ->
          requiredString(part, "text", pp);
        case "refusal" -> requiredString(part, "refusal", pp);
        default -> {
          LOG.debug("event=responses.part_skipped type={} reason=not_text", type);
          yield null;
        }
      };
      if (text != null) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(text);
      }
    }
    return sb.toString();
  }

  private static List<ContentPart> userParts(JsonNode content, String p) {
    if (isMissing(content)) {
      throw invalid(p, "is required");
    }
    if (content.isTextual()) {
      return List.of(new ContentPart.Text(content.asText()));
    }
    if (!content.isArray()) {
      throw wrongType(p, "a string or an array of content parts", content);
    }
    List<ContentPart> parts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String pp = index(p, i);
      JsonNode part = requireObject(content.get(i), pp);
      String type = requiredString(part, "type", pp);
      switch (type) {
        case "input_text", "output_text", "text" ->
          parts.add(new ContentPart.Text(requiredString(part, "text", pp)));
        case "refusal" -> parts.add(new ContentPart.Text(requiredString(part, "refusal", pp)));
        case "input_image" -> {
          String url = optionalString(part, "image_url", pp);
          if (url == null) {
            throw invalid(
                path(pp, "image_url"),
                isMissing(part.get("file_id"))
                    ? "is required"
                    : "is required: images by file_id are not supported (the gateway has no file store)");
          }
          parts.add(ContentParser.dataImage(url, path(pp, "image_url")));
        }
        case "input_file", "input_audio" ->
          throw invalid(
              pp,
              "has type `" + type
                  + "`, which this gateway does not support (Warp takes text and images)");
        default -> LOG.debug("event=responses.part_skipped type={} reason=unknown_type", type);
      }
    }
    return parts;
  }
}
