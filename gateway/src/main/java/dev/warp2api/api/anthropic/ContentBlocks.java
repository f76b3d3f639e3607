package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Fields.index;
import static dev.warp2api.api.anthropic.Fields.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolCall;
import dev.warp2api.warp.protocol.StructDepth;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the {@code content} of one Anthropic message into core messages.
 *
 * <p>Decisions (each also covered by a test):
 *
 * <ul>
 *   <li>A user message's {@code tool_result} blocks come first, as {@link ChatMessage.ToolResult}s,
 *       then its text and images as one {@link ChatMessage.User}.
 *   <li>An image inside a {@code tool_result} becomes the text {@value #IMAGE_IN_TOOL_RESULT}: core
 *       tool results are text only, and rejecting would break Claude Code reading an image file.
 *   <li>{@code thinking} blocks in assistant history become {@code Assistant.reasoning} (signatures
 *       are ignored); {@code redacted_thinking} blocks carry only ciphertext and are skipped.
 *   <li>Other block types ({@code document}, {@code search_result}, future types) become text when
 *       they carry text (a {@code document}'s text {@code source}, or the text blocks of its
 *       {@code content} source); otherwise the request is rejected naming
 *       {@code ...content[j].type}.
 * </ul>
 */
final class ContentBlocks {
  static final String IMAGE_IN_TOOL_RESULT =
      "[image omitted: the gateway cannot pass images inside tool results]";

  private final ImageBlock images = new ImageBlock();

  /** A user message: tool results first, then one user message with the text and images, if any. */
  List<ChatMessage> userTurn(JsonNode content, String path) {
    if (content.isTextual()) {
      return List.of(ChatMessage.User.text(content.asText()));
    }
    List<ChatMessage> results = new ArrayList<>();
    List<ContentPart> parts = new ArrayList<>();
    int i = 0;
    for (JsonNode raw : blocks(content, path)) {
      String at = index(path, i++);
      ObjectNode block = Fields.object(raw, at);
      String type = Fields.requiredString(block, "type", at);
      switch (type) {
        case "text" -> parts.add(new ContentPart.Text(Fields.requiredString(block, "text", at)));
        case "image" -> parts.add(images.read(block, at));
        case "tool_result" -> results.add(toolResult(block, at));
        case "tool_use", "thinking", "redacted_thinking" -> throw misplaced(type, "a user", at);
        default -> parts.add(new ContentPart.Text(otherText(block, type, at)));
      }
    }
    if (!parts.isEmpty()) {
      results.add(new ChatMessage.User(parts));
    }
    return results;
  }

  /** An assistant message: its text blocks joined with newlines, reasoning, tool calls in order. */
  ChatMessage.Assistant assistantTurn(JsonNode content, String path) {
    if (content.isTextual()) {
      return new ChatMessage.Assistant(content.asText(), null, List.of());
    }
    List<String> texts = new ArrayList<>();
    List<String> reasoning = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    int i = 0;
    for (JsonNode raw : blocks(content, path)) {
      String at = index(path, i++);
      ObjectNode block = Fields.object(raw, at);
      String type = Fields.requiredString(block, "type", at);
      switch (type) {
        case "text" -> texts.add(Fields.requiredString(block, "text", at));
        case "thinking" -> reasoning.add(Fields.requiredString(block, "thinking", at));
        case "redacted_thinking" -> {}
        case "tool_use" -> calls.add(toolUse(block, at));
        case "image", "tool_result" -> throw misplaced(type, "an assistant", at);
        default -> texts.add(otherText(block, type, at));
      }
    }
    String thoughts = reasoning.isEmpty() ? null : String.join("\n", reasoning);
    return new ChatMessage.Assistant(String.join("\n", texts), thoughts, calls);
  }

  /** The text of a system message or of top-level {@code system}: a string or text blocks. */
  String systemText(JsonNode content, String path) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> texts = new ArrayList<>();
    int i = 0;
    for (JsonNode raw : blocks(content, path)) {
      String at = index(path, i++);
      ObjectNode block = Fields.object(raw, at);
      String type = Fields.requiredString(block, "type", at);
      if (!type.equals("text")) {
        throw GatewayException.invalid(
            path(at, "type") + ": system content must be text blocks, got '" + type + "'",
            path(at, "type"));
      }
      texts.add(Fields.requiredString(block, "text", at));
    }
    return String.join("\n\n", texts);
  }

  private static Iterable<JsonNode> blocks(JsonNode content, String path) {
    if (!content.isArray()) {
      throw Fields.wrongType(path, "a string or an array of content blocks", content);
    }
    if (content.isEmpty()) {
      throw GatewayException.invalid(path + ": must not be empty", path);
    }
    return content;
  }

  private ChatMessage.ToolResult toolResult(ObjectNode block, String at) {
    String id = Fields.requiredString(block, "tool_use_id", at);
    boolean isError = Fields.optionalBoolean(block, "is_error", at, false);
    String contentPath = path(at, "content");
    JsonNode content = block.get("content");
    if (content == null || content.isNull()) {
      return new ChatMessage.ToolResult(id, "", isError);
    }
    if (content.isTextual()) {
      return new ChatMessage.ToolResult(id, content.asText(), isError);
    }
    if (!content.isArray()) {
      throw Fields.wrongType(contentPath, "a string or an array of content blocks", content);
    }
    List<String> texts = new ArrayList<>();
    int i = 0;
    for (JsonNode raw : content) {
      String inner = index(contentPath, i++);
      ObjectNode part = Fields.object(raw, inner);
      String type = Fields.requiredString(part, "type", inner);
      switch (type) {
        case "text" -> texts.add(Fields.requiredString(part, "text", inner));
        case "image" -> texts.add(IMAGE_IN_TOOL_RESULT);
        default -> texts.add(otherText(part, type, inner));
      }
    }
    return new ChatMessage.ToolResult(id, String.join("\n", texts), isError);
  }

  private static ToolCall toolUse(ObjectNode block, String at) {
    String id = Fields.requiredString(block, "id", at);
    String name = Fields.requiredString(block, "name", at);
    ObjectNode input = Fields.requiredObject(block, "input", at);
    StructDepth.require(input, Fields.path(at, "input"));
    return new ToolCall(id, name, input.toString());
  }

  /** The text of a block type we do not translate specially, or a 400 naming its type. */
  private static String otherText(ObjectNode block, String type, String at) {
    JsonNode text = block.get("text");
    if (text != null && text.isTextual()) {
      return text.asText();
    }
    if (type.equals("document") && block.path("source").path("type").asText("").equals("text")) {
      return Fields.requiredString(block.get("source"), "data", path(at, "source"));
    }
    if (type.equals("document") && block.path("source").path("type").asText("").equals("content")) {
      return documentContent(block.get("source"), path(at, "source"));
    }
    if (type.equals("search_result") && block.path("content").isArray()) {
      List<String> texts = new ArrayList<>();
      String title = block.path("title").asText("");
      if (!title.isEmpty()) {
        texts.add(title);
      }
      block.get("content").forEach(c -> {
        if (c.path("text").isTextual()) {
          texts.add(c.get("text").asText());
        }
      });
      return String.join("\n", texts);
    }
    String typePath = path(at, "type");
    throw GatewayException.invalid(
        typePath + ": unsupported content block type '" + type + "'", typePath);
  }

  /**
   * The text of a {@code document} whose {@code source} is {@code {type: "content", content: ...}}:
   * a string, or content blocks whose text blocks are joined with newlines (other blocks, such as
   * images, are left out).
   */
  private static String documentContent(JsonNode source, String at) {
    JsonNode content = source.get("content");
    String contentPath = path(at, "content");
    if (content == null || content.isNull()) {
      throw Fields.missing(contentPath);
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (!content.isArray()) {
      throw Fields.wrongType(contentPath, "a string or an array of content blocks", content);
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String inner = index(contentPath, i);
      ObjectNode part = Fields.object(content.get(i), inner);
      if (Fields.requiredString(part, "type", inner).equals("text")) {
        texts.add(Fields.requiredString(part, "text", inner));
      }
    }
    return String.join("\n", texts);
  }

  private static GatewayException misplaced(String type, String role, String at) {
    String typePath = path(at, "type");
    return GatewayException.invalid(
        typePath + ": a '" + type + "' block is not allowed in " + role + " message", typePath);
  }
}
