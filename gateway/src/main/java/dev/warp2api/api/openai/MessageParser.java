package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.FieldReader.index;
import static dev.warp2api.api.openai.FieldReader.invalid;
import static dev.warp2api.api.openai.FieldReader.isMissing;
import static dev.warp2api.api.openai.FieldReader.optionalArray;
import static dev.warp2api.api.openai.FieldReader.optionalString;
import static dev.warp2api.api.openai.FieldReader.path;
import static dev.warp2api.api.openai.FieldReader.requiredString;
import static dev.warp2api.api.openai.FieldReader.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ToolCall;
import dev.warp2api.warp.protocol.StructDepth;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code messages[]} into the system prompt and the conversation.
 *
 * <ul>
 *   <li>{@code system} and {@code developer} messages, wherever they stand (also last), are joined
 *       with a blank line into the system prompt;
 *   <li>{@code user}: string or parts ({@link ContentParser#userParts});
 *   <li>{@code assistant}: content (string, text parts or null), {@code tool_calls[]},
 *       {@code reasoning_content}, and the legacy {@code function_call};
 *   <li>{@code tool}: {@code tool_call_id} required, content string or text parts (null is empty);
 *   <li>legacy {@code function}: a tool result whose call id is the function {@code name} (the
 *       legacy {@code function_call} of an assistant message gets the same id, so the two pair up).
 * </ul>
 *
 * The conversation must end, ignoring system messages, in a user or tool message: that trailing run
 * is the current input. Unknown fields ({@code cache_control}, {@code name} on user messages…) are
 * ignored. Stateless.
 */
final class MessageParser {
  /**
   * The result: the joined system prompt (or null) and the conversation without system messages.
   */
  record Messages(String system, List<ChatMessage> conversation) {}

  private MessageParser() {}

  static Messages parse(JsonNode body) {
    JsonNode messages = body.get("messages");
    if (isMissing(messages)) {
      throw invalid("messages", "is required");
    }
    if (!messages.isArray()) {
      throw wrongType("messages", "an array", messages);
    }
    if (messages.isEmpty()) {
      throw invalid("messages", "must contain at least one message");
    }
    List<String> system = new ArrayList<>();
    List<ChatMessage> conversation = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      String p = index("messages", i);
      JsonNode m = FieldReader.requireObject(messages.get(i), p);
      String role = requiredString(m, "role", p);
      switch (role) {
        case "system", "developer" -> {
          String text = ContentParser.text(m.get("content"), path(p, "content"), "\n");
          if (text == null) {
            throw invalid(path(p, "content"), "is required");
          }
          if (!text.isEmpty()) {
            system.add(text);
          }
        }
        case "user" ->
          conversation.add(
              new ChatMessage.User(ContentParser.userParts(m.get("content"), path(p, "content"))));
        case "assistant" -> conversation.add(assistant(m, p));
        case "tool" ->
          conversation.add(new ChatMessage.ToolResult(
              requiredString(m, "tool_call_id", p), toolContent(m, p), false));
        case "function" ->
          conversation.add(
              new ChatMessage.ToolResult(requiredString(m, "name", p), toolContent(m, p), false));
        default ->
          throw invalid(
              path(p, "role"),
              "has unknown role `" + role
                  + "` (expected system, developer, user, assistant or tool)");
      }
    }
    requireCurrentInput(conversation);
    return new Messages(system.isEmpty() ? null : String.join("\n\n", system), conversation);
  }

  private static String toolContent(JsonNode m, String p) {
    String text = ContentParser.text(m.get("content"), path(p, "content"), "\n");
    return text == null ? "" : text;
  }

  private static ChatMessage.Assistant assistant(JsonNode m, String p) {
    String text = ContentParser.text(m.get("content"), path(p, "content"), "");
    String reasoning = optionalString(m, "reasoning_content", p);
    List<ToolCall> calls = new ArrayList<>();
    JsonNode toolCalls = optionalArray(m, "tool_calls", p);
    if (toolCalls != null) {
      for (int j = 0; j < toolCalls.size(); j++) {
        calls.add(toolCall(toolCalls.get(j), index(path(p, "tool_calls"), j)));
      }
    }
    JsonNode functionCall = m.get("function_call");
    if (!isMissing(functionCall)) {
      String fp = path(p, "function_call");
      FieldReader.requireObject(functionCall, fp);
      String name = requiredString(functionCall, "name", fp);
      calls.add(new ToolCall(name, name, arguments(functionCall, fp)));
    }
    return new ChatMessage.Assistant(text, reasoning, calls);
  }

  private static ToolCall toolCall(JsonNode call, String p) {
    FieldReader.requireObject(call, p);
    String id = requiredString(call, "id", p);
    String type = optionalString(call, "type", p);
    if (type != null && !type.equals("function")) {
      throw invalid(path(p, "type"), "must be `function`, got `" + type + "`");
    }
    String fp = path(p, "function");
    JsonNode function = FieldReader.requireObject(call.get("function"), fp);
    return new ToolCall(id, requiredString(function, "name", fp), arguments(function, fp));
  }

  /**
   * {@code arguments}: a JSON text as OpenAI sends it; an object is accepted and written as text.
   */
  private static String arguments(JsonNode function, String fp) {
    JsonNode args = function.get("arguments");
    if (isMissing(args)) {
      return "{}";
    }
    if (args.isTextual()) {
      StructDepth.requireText(args.asText(), path(fp, "arguments"));
      return args.asText();
    }
    if (args.isObject()) {
      StructDepth.require(args, path(fp, "arguments"));
      return args.toString();
    }
    throw wrongType(path(fp, "arguments"), "a JSON string", args);
  }

  private static void requireCurrentInput(List<ChatMessage> conversation) {
    if (conversation.isEmpty()) {
      throw invalid("messages", "must contain a user or tool message, not only system messages");
    }
    if (conversation.getLast() instanceof ChatMessage.Assistant) {
      throw invalid(
          "messages",
          "ends with an assistant message; the last message must be a user or tool message");
    }
  }
}
