package dev.warp2api.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A coding-agent conversation of the size clients really send mid-session (as recorded from coding
 * agents): a system prompt, 20 messages (user turns, assistant answers with tool calls, tool
 * results) ending in a tool result, and four tools with JSON Schemas.
 *
 * <p>Immutable once built; safe from any thread.
 */
final class ChatFixture {
  static final int MESSAGES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatFixture() {}

  /** The 20-message chat with tools. */
  static ChatRequest twentyMessagesWithTools() {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.User.text(
        "The tests in gateway/ fail since yesterday's merge. Find out why and fix it."));
    int call = 0;
    while (messages.size() < MESSAGES - 1) {
      String id = "toolu_bench" + call++;
      messages.add(new ChatMessage.Assistant(
          "Let me look at the failing test first.",
          null,
          List.of(new ToolCall(
              id,
              "read_file",
              "{\"path\":\"gateway/src/test/java/Example" + call + "Test.java\"}"))));
      messages.add(new ChatMessage.ToolResult(id, sourceFile(call), false));
      if (messages.size() < MESSAGES - 1 && call % 3 == 0) {
        messages.add(ChatMessage.User.text("Keep going; do not touch the public API."));
      }
    }
    while (messages.size() < MESSAGES) {
      messages.add(ChatMessage.User.text("And run the tests once more when done."));
    }
    return new ChatRequest(
        "claude-4-5-sonnet",
        "You are a careful software engineer working in a Java repository. ".repeat(8),
        messages,
        tools(),
        ToolChoice.AUTO,
        8192,
        false);
  }

  private static String sourceFile(int n) {
    StringBuilder sb =
        new StringBuilder("package dev.example;\n\nclass Example").append(n).append("Test {\n");
    for (int i = 0; i < 30; i++) {
      sb.append("  @Test void behaviour")
          .append(i)
          .append("() { assertThat(subject.call(")
          .append(i)
          .append(")).isEqualTo(\"expected\"); }\n");
    }
    return sb.append("}\n").toString();
  }

  private static List<ToolSpec> tools() {
    return List.of(
        tool("read_file", "Reads a file of the workspace.", "path"),
        tool("write_file", "Writes a file of the workspace, replacing it.", "path", "content"),
        tool("run_command", "Runs a shell command and returns its output.", "command", "cwd"),
        tool("search", "Searches the workspace for a regular expression.", "pattern", "glob"));
  }

  private static ToolSpec tool(String name, String description, String... properties) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    for (String p : properties) {
      props.putObject(p).put("type", "string").put("description", "The " + p + ".");
    }
    schema.putArray("required").add(properties[0]);
    schema.put("additionalProperties", false);
    return new ToolSpec(name, description, schema);
  }
}
