package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Fields.index;
import static dev.warp2api.api.anthropic.Fields.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * The system prompt and the messages of a request.
 *
 * <p>System text is top-level {@code system} followed by the text of every {@code role: "system"}
 * message inside {@code messages} (Claude Code sends one, sometimes as the last message), joined
 * with a blank line. After removing those, a conversation to send to Warp must end with a user turn
 * (text or tool results): Warp answers a user input, so an assistant prefill cannot be honoured and
 * is rejected. Its last user turn must carry some input (non-blank text, an image or a tool
 * result): an empty one would reach Warp as an empty query. A conversation read only to count its
 * tokens has neither rule.
 *
 * @param system the joined system text, or {@code null} when there is none
 * @param messages the conversation, system messages removed
 */
record Conversation(String system, List<ChatMessage> messages) {

  Conversation {
    messages = List.copyOf(messages);
  }

  /**
   * Reads {@code system} and {@code messages} of a request body; throws {@link GatewayException} on
   * bad input.
   *
   * @param forWarp whether the conversation goes to Warp (then it must end with a user turn); false
   *     when it is only counted
   */
  static Conversation read(ObjectNode body, boolean forWarp) {
    ContentBlocks blocks = new ContentBlocks();
    List<String> systemTexts = new ArrayList<>();
    if (Fields.present(body, "system")) {
      addIfNotBlank(systemTexts, blocks.systemText(body.get("system"), "system"));
    }
    ArrayNode list = Fields.requiredArray(body, "messages", "");
    if (list.isEmpty()) {
      throw GatewayException.invalid("messages: must contain at least one message", "messages");
    }
    List<ChatMessage> messages = new ArrayList<>();
    String lastUserContent = null;
    List<ChatMessage> lastUserTurn = List.of();
    for (int i = 0; i < list.size(); i++) {
      String at = index("messages", i);
      ObjectNode message = Fields.object(list.get(i), at);
      String role = Fields.requiredString(message, "role", at);
      JsonNode content = message.get("content");
      if (content == null || content.isNull()) {
        throw Fields.missing(path(at, "content"));
      }
      String contentPath = path(at, "content");
      switch (role) {
        case "user" -> {
          lastUserTurn = blocks.userTurn(content, contentPath);
          lastUserContent = contentPath;
          messages.addAll(lastUserTurn);
        }
        case "assistant" -> messages.add(blocks.assistantTurn(content, contentPath));
        case "system" -> addIfNotBlank(systemTexts, blocks.systemText(content, contentPath));
        default ->
          throw GatewayException.invalid(
              path(at, "role") + ": must be 'user', 'assistant' or 'system', got '" + role + "'",
              path(at, "role"));
      }
    }
    if (forWarp) {
      requireUserLast(messages);
      requireInput(lastUserTurn, lastUserContent);
    }
    String system = systemTexts.isEmpty() ? null : String.join("\n\n", systemTexts);
    return new Conversation(system, messages);
  }

  private static void requireUserLast(List<ChatMessage> messages) {
    if (messages.isEmpty()) {
      throw GatewayException.invalid(
          "messages: must contain a user message besides system messages", "messages");
    }
    if (messages.get(messages.size() - 1) instanceof ChatMessage.Assistant) {
      throw GatewayException.invalid(
          "messages: the last non-system message must be a user turn; assistant prefill is not supported by Warp",
          "messages");
    }
  }

  /**
   * The last user turn is what Warp answers: one with neither text, nor an image, nor a tool result
   * would reach Warp as an empty query (Anthropic rejects empty text content too).
   */
  private static void requireInput(List<ChatMessage> lastUserTurn, String contentPath) {
    boolean empty = !lastUserTurn.isEmpty()
        && lastUserTurn.stream()
            .allMatch(m -> m instanceof ChatMessage.User u
                && u.text().isBlank()
                && u.parts().stream().noneMatch(p -> p instanceof ContentPart.Image));
    if (empty) {
      throw GatewayException.invalid(
          contentPath
              + ": the last user turn must not be empty (text content must contain non-whitespace text)",
          contentPath);
    }
  }

  private static void addIfNotBlank(List<String> texts, String text) {
    if (!text.isBlank()) {
      texts.add(text);
    }
  }
}
