package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests shaped like opencode's (as recorded from the client): they must parse unchanged. */
class OpencodeRequestReplayTest {
  private static final List<String> TOOLS = List.of(
      "bash", "edit", "glob", "grep", "read", "skill", "task", "todowrite", "webfetch", "write");

  private static ObjectNode tool(String name) {
    return (ObjectNode) json("""
        {"type":"function","function":{"name":"%s","description":"The %s tool.","parameters":{
          "$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
          "properties":{"timeout":{"type":"integer","minimum":-9007199254740991,"maximum":9007199254740991},
                        "path":{"type":"string","description":"where"}},
          "required":["path"]}}}""".formatted(name, name));
  }

  private static ObjectNode followUpBody() {
    ObjectNode body = (ObjectNode) json("""
        {"model":"claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},"max_tokens":32000,
         "tool_choice":"auto","messages":[
          {"role":"system","content":"You are opencode.","cache_control":{"type":"ephemeral"}},
          {"role":"user","content":"\\"say hi and list files\\"","cache_control":{"type":"ephemeral"}},
          {"role":"assistant","content":"","tool_calls":[{"id":"toolu_01","type":"function",
            "function":{"name":"bash","arguments":"{\\"x\\":1}"},"cache_control":{"type":"ephemeral"}}]},
          {"role":"system","content":"Reminder: be concise."},
          {"role":"tool","tool_call_id":"toolu_01","content":"error: missing command","cache_control":{"type":"ephemeral"}},
          {"role":"system","content":"Final system note."}]}""");
    ArrayNode tools = body.putArray("tools");
    TOOLS.forEach(name -> tools.add(tool(name)));
    return body;
  }

  @Test
  void followUpWithSystemMessagesInTheMiddleAndAtTheEndParses() {
    ParsedChat p = OpenAiFixtures.parser().parse(followUpBody());
    assertThat(p.stream()).isTrue();
    assertThat(p.includeUsage()).isTrue();
    assertThat(p.chat().model()).isEqualTo("claude-4-5-sonnet");
    assertThat(p.chat().maxTokens()).isEqualTo(32000);
    assertThat(p.chat().toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(p.chat().system())
        .isEqualTo("You are opencode.\n\nReminder: be concise.\n\nFinal system note.");
    assertThat(p.chat().messages())
        .containsExactly(
            ChatMessage.User.text("\"say hi and list files\""),
            new ChatMessage.Assistant(
                "", null, List.of(new ToolCall("toolu_01", "bash", "{\"x\":1}"))),
            new ChatMessage.ToolResult("toolu_01", "error: missing command", false));
    assertThat(p.chat().messages().getLast())
        .as("current input is the tool turn")
        .isInstanceOf(ChatMessage.ToolResult.class);
  }

  @Test
  void tenToolsKeep2020SchemasAndLargeBoundsIntact() {
    ParsedChat p = OpenAiFixtures.parser().parse(followUpBody());
    assertThat(p.chat().tools()).extracting(ToolSpec::name).containsExactlyElementsOf(TOOLS);
    ObjectNode schema = p.chat().tools().getFirst().inputSchema();
    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("additionalProperties").booleanValue()).isFalse();
    assertThat(schema.at("/properties/timeout/maximum").longValue()).isEqualTo(9007199254740991L);
    assertThat(schema.at("/properties/timeout/minimum").longValue()).isEqualTo(-9007199254740991L);
  }

  @Test
  void titleCallWithTwoConsecutiveUserMessagesParses() {
    ParsedChat p = OpenAiFixtures.parse("""
        {"model":"claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},"max_tokens":32000,
         "messages":[{"role":"system","content":"Generate a short title."},
          {"role":"user","content":"Generate a title for this conversation:\\n"},
          {"role":"user","content":"\\"say hi\\""}]}""");
    assertThat(p.chat().tools()).isEmpty();
    assertThat(p.chat().messages())
        .containsExactly(
            ChatMessage.User.text("Generate a title for this conversation:\n"),
            ChatMessage.User.text("\"say hi\""));
  }
}
