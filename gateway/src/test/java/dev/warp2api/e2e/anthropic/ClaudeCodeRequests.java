package dev.warp2api.e2e.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Request bodies and headers shaped like Claude Code 2.1's (as recorded from the client): system as
 * three text blocks with {@code cache_control}, a {@code role: "system"} message inside
 * {@code messages}, adaptive thinking, {@code context_management}, {@code output_config}, a string
 * {@code metadata.user_id}, and 24–28 tools with about 100 KB of JSON Schema 2020-12.
 */
final class ClaudeCodeRequests {
  static final long MAX_SAFE_INTEGER = 9007199254740991L;
  static final List<String> TOOL_NAMES = List.of(
      "Agent",
      "Bash",
      "BashOutput",
      "Edit",
      "ExitPlanMode",
      "Glob",
      "Grep",
      "KillShell",
      "MultiEdit",
      "NotebookEdit",
      "Read",
      "SlashCommand",
      "Skill",
      "TodoWrite",
      "WebFetch",
      "WebSearch",
      "Write",
      "Workflow",
      "ListMcpResources",
      "ReadMcpResource",
      "Task",
      "TaskOutput",
      "DesignSync",
      "AskUserQuestion",
      "EnterPlanMode",
      "Monitor",
      "Notify",
      "Memory");
  static final String SKILLS =
      "Available agent types and skills: general-purpose, statusline-setup, Explore, Plan.";
  static final String PROMPT = "fix the failing test in src/app.ts";
  static final String[] HEADERS = {
    "x-api-key",
    "sk-anything",
    "anthropic-version",
    "2023-06-01",
    "anthropic-beta",
    "claude-code-20250219,interleaved-thinking-2025-05-14,thinking-token-count-2026-05-13,"
        + "context-management-2025-06-27,prompt-caching-scope-2026-01-05,mid-conversation-system-2026-04-07,"
        + "effort-2025-11-24",
    "anthropic-dangerous-direct-browser-access",
    "true",
    "x-app",
    "cli",
    "x-claude-code-session-id",
    "6f1c7f5e-0b7a-4c39-9d55-1d2b3c4d5e6f",
    "user-agent",
    "claude-cli/2.1.197 (external, sdk-cli)",
    "x-stainless-retry-count",
    "0"
  };

  private ClaudeCodeRequests() {}

  /**
   * The first request of a session: user blocks, then the skills list as the last ({@code system})
   * message.
   */
  static ObjectNode first(int toolCount) {
    ObjectNode body = common(toolCount);
    ArrayNode messages = body.putArray("messages");
    userBlocks(messages);
    messages.addObject().put("role", "system").put("content", SKILLS);
    return body;
  }

  /**
   * A later request: the same first turn as a string, the system message at index 1, a failed tool
   * round trip.
   */
  static ObjectNode afterFailedTool(int toolCount) {
    ObjectNode body = common(toolCount);
    ArrayNode messages = body.putArray("messages");
    messages
        .addObject()
        .put("role", "user")
        .put("content", "<system-reminder>Today is 2026-11-21.</system-reminder>\n" + PROMPT);
    messages.addObject().put("role", "system").put("content", SKILLS);
    ObjectNode use = messages
        .addObject()
        .put("role", "assistant")
        .putArray("content")
        .addObject()
        .put("type", "tool_use")
        .put("id", "toolu_01ReadFailed")
        .put("name", "Read");
    use.putObject("input").put("x", 1);
    ObjectNode result = messages
        .addObject()
        .put("role", "user")
        .putArray("content")
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", "toolu_01ReadFailed")
        .put("is_error", true)
        .put(
            "content",
            "<tool_use_error>InputValidationError: Read failed, file_path is required</tool_use_error>");
    result.putObject("cache_control").put("type", "ephemeral");
    return body;
  }

  private static void userBlocks(ArrayNode messages) {
    ArrayNode content = messages.addObject().put("role", "user").putArray("content");
    content
        .addObject()
        .put("type", "text")
        .put("text", "<system-reminder>Today is 2026-11-21.</system-reminder>");
    content
        .addObject()
        .put("type", "text")
        .put("text", PROMPT)
        .putObject("cache_control")
        .put("type", "ephemeral");
  }

  private static ObjectNode common(int toolCount) {
    ObjectNode body = AnthropicE2e.JSON.createObjectNode();
    body.put("model", "claude-sonnet-4-5-20250929").put("max_tokens", 32000).put("stream", true);
    ArrayNode system = body.putArray("system");
    system
        .addObject()
        .put("type", "text")
        .put("text", "x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=sdk-cli;");
    system
        .addObject()
        .put("type", "text")
        .put("text", "You are a Claude agent, built on Anthropic's Claude Agent SDK.")
        .putObject("cache_control")
        .put("type", "ephemeral");
    system
        .addObject()
        .put("type", "text")
        .put("text", "Follow the repository's conventions. ".repeat(700))
        .putObject("cache_control")
        .put("type", "ephemeral");
    body.putObject("thinking").put("type", "adaptive");
    body.putObject("context_management")
        .putArray("edits")
        .addObject()
        .put("type", "clear_thinking_20251015")
        .put("keep", "all");
    body.putObject("output_config").put("effort", "high");
    body.putObject("metadata")
        .put(
            "user_id",
            "{\"device_id\":\"0a1b2c\",\"account_uuid\":\"\",\"session_id\":\"6f1c7f5e-0b7a-4c39-9d55-1d2b3c4d5e6f\"}");
    ArrayNode tools = body.putArray("tools");
    for (int i = 0; i < toolCount; i++) {
      tools.add(tool(TOOL_NAMES.get(i)));
    }
    return body;
  }

  /** About 4 KB of JSON Schema 2020-12 with the constructs Claude Code's schemas use. */
  private static ObjectNode tool(String name) {
    ObjectNode tool = AnthropicE2e.JSON
        .createObjectNode()
        .put("name", name)
        .put(
            "description", name + " tool. " + "Read the instructions before using it. ".repeat(30));
    ObjectNode schema = tool.putObject("input_schema")
        .put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("type", "object")
        .put("additionalProperties", false);
    schema.putObject("propertyNames").put("pattern", "^[a-z_]+$");
    ObjectNode props = schema.putObject("properties");
    for (int p = 0; p < 12; p++) {
      ObjectNode prop = props
          .putObject("param_" + p)
          .put("description", "Parameter " + p + " of " + name + ", explained.");
      ArrayNode anyOf = prop.putArray("anyOf");
      anyOf
          .addObject()
          .put("type", "integer")
          .put("exclusiveMinimum", 0)
          .put("maximum", MAX_SAFE_INTEGER);
      anyOf.addObject().put("type", "string").put("format", "uri").put("pattern", "^https?://");
      anyOf.addObject().put("const", "auto");
    }
    schema.putArray("required").add("param_0");
    return tool;
  }
}
