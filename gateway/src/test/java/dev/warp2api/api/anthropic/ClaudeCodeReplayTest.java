package dev.warp2api.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import org.junit.jupiter.api.Test;

/**
 * A body shaped like Claude Code 2.1's main request (as recorded from the client), second turn of a
 * tool round trip.
 */
class ClaudeCodeReplayTest {
  private static final long MAX_SAFE = 9007199254740991L;

  @Test
  void parsesAClaudeCodeShapedRequest() {
    ObjectNode body = claudeCodeBody(26);
    assertThat(body.get("tools").toString().length()).isBetween(90_000, 130_000);

    ParsedMessages p = Requests.PARSER.parse(body);
    ChatRequest chat = p.chat();

    assertThat(p.stream()).isTrue();
    assertThat(chat.thinking()).isTrue();
    assertThat(chat.maxTokens()).isEqualTo(32000);
    assertThat(chat.tools()).hasSize(26);
    assertThat(chat.tools().get(3).inputSchema().toString())
        .contains("9007199254740991", "$schema");
    assertThat(chat.system())
        .startsWith("x-anthropic-billing-header: cc_version=2.1.197;")
        .contains("You are Claude Code, Anthropic's official CLI for Claude.")
        .endsWith("Available agent types and skills: ...");
    assertThat(chat.messages()).hasSize(4);
    // The same turn as blocks (index 0) and as a string (index 3) reads as the same text.
    assertThat(((ChatMessage.User) chat.messages().get(0)).text())
        .isEqualTo(((ChatMessage.User) chat.messages().get(3)).text());
    assertThat(chat.messages().get(1)).isInstanceOf(ChatMessage.Assistant.class);
    assertThat(chat.messages().get(2))
        .isEqualTo(new ChatMessage.ToolResult(
            "toolu_01A",
            "<tool_use_error>InputValidationError: x is not a file</tool_use_error>",
            true));
    assertThat(chat.messages().get(3))
        .isEqualTo(ChatMessage.User.text("<system-reminder>today</system-reminder>\nfix the bug"));
    assertThat(p.estimatedInputTokens()).isGreaterThan(20_000);
  }

  @Test
  void parsesTheFirstRequestWhoseLastMessageIsASystemMessage() {
    ObjectNode body = claudeCodeBody(24);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "user").put("content", "fix the bug");
    messages
        .addObject()
        .put("role", "system")
        .put("content", "Available agent types and skills: ...");

    ChatRequest chat = Requests.PARSER.parse(body).chat();

    assertThat(chat.messages()).containsExactly(ChatMessage.User.text("fix the bug"));
    assertThat(chat.system()).endsWith("Available agent types and skills: ...");
  }

  static ObjectNode claudeCodeBody(int toolCount) {
    ObjectNode body = Requests.MAPPER.createObjectNode();
    body.put("model", "claude-sonnet-4-5-20250929").put("max_tokens", 32000).put("stream", true);
    ArrayNode system = body.putArray("system");
    system
        .addObject()
        .put("type", "text")
        .put("text", "x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=cli;");
    system
        .addObject()
        .put("type", "text")
        .put("text", "You are Claude Code, Anthropic's official CLI for Claude.")
        .putObject("cache_control")
        .put("type", "ephemeral");
    system
        .addObject()
        .put("type", "text")
        .put("text", "Prompt. ".repeat(3000))
        .putObject("cache_control")
        .put("type", "ephemeral");
    ArrayNode messages = body.putArray("messages");
    ObjectNode first = messages.addObject().put("role", "user");
    ArrayNode firstContent = first.putArray("content");
    firstContent
        .addObject()
        .put("type", "text")
        .put("text", "<system-reminder>today</system-reminder>");
    firstContent
        .addObject()
        .put("type", "text")
        .put("text", "fix the bug")
        .putObject("cache_control")
        .put("type", "ephemeral");
    messages
        .addObject()
        .put("role", "system")
        .put("content", "Available agent types and skills: ...");
    ObjectNode assistant = messages.addObject().put("role", "assistant");
    ObjectNode use = assistant
        .putArray("content")
        .addObject()
        .put("type", "tool_use")
        .put("id", "toolu_01A")
        .put("name", "Read");
    use.putObject("input").put("x", 1);
    ObjectNode result = messages
        .addObject()
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", "toolu_01A")
        .put("content", "<tool_use_error>InputValidationError: x is not a file</tool_use_error>")
        .put("is_error", true);
    result.putObject("cache_control").put("type", "ephemeral");
    // The same earlier turn again, this time as a plain string.
    messages
        .addObject()
        .put("role", "user")
        .put("content", "<system-reminder>today</system-reminder>\nfix the bug");
    body.putObject("thinking").put("type", "adaptive");
    body.putObject("context_management")
        .putArray("edits")
        .addObject()
        .put("type", "clear_thinking_20251015")
        .put("keep", "all");
    body.putObject("output_config").put("effort", "high");
    body.putObject("metadata")
        .put("user_id", "{\"device_id\":\"d1\",\"account_uuid\":\"a1\",\"session_id\":\"s1\"}");
    ArrayNode tools = body.putArray("tools");
    for (int i = 0; i < toolCount; i++) {
      tools.add(tool(i));
    }
    return body;
  }

  /** A JSON Schema 2020-12 tool of about 4 KB, with the constructs Claude Code uses. */
  private static ObjectNode tool(int i) {
    ObjectNode tool = Requests.MAPPER
        .createObjectNode()
        .put("name", "Tool" + i)
        .put("description", "Does thing " + i + ". " + "Use it carefully. ".repeat(40));
    ObjectNode schema = tool.putObject("input_schema")
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("additionalProperties", false);
    schema.putObject("propertyNames").put("pattern", "^[a-z_]+$");
    ObjectNode props = schema.putObject("properties");
    for (int p = 0; p < 12; p++) {
      ObjectNode prop = props.putObject("field_" + p);
      prop.put(
          "description", "The field number " + p + " of tool " + i + ", described at some length.");
      ArrayNode anyOf = prop.putArray("anyOf");
      anyOf.addObject().put("type", "integer").put("exclusiveMinimum", 0).put("maximum", MAX_SAFE);
      anyOf.addObject().put("type", "string").put("format", "uri").put("pattern", "^https?://");
      anyOf.addObject().put("const", "auto");
    }
    schema.putArray("required").add("field_0");
    return tool;
  }
}
