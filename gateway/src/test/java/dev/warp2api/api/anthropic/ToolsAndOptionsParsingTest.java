package dev.warp2api.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ToolChoice;
import org.junit.jupiter.api.Test;

class ToolsAndOptionsParsingTest {

  private static ParsedMessages withExtra(String extra) {
    return Requests.parse("{\"model\":\"claude-4-sonnet\",\"max_tokens\":10,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]," + extra + "}");
  }

  private static final String TOOLS = """
      "tools":[{"name":"Read","description":"reads","input_schema":{"type":"object"}},
        {"type":"custom","name":"Write","input_schema":{"type":"object","properties":{}}},
        {"type":"web_search_20250305","name":"web_search","max_uses":3},
        {"type":"bash_20250124","name":"bash"}]""";

  @Test
  void keepsCustomToolsAndSkipsServerToolsByName() {
    ParsedMessages p = withExtra(TOOLS);
    assertThat(p.chat().tools()).extracting(t -> t.name()).containsExactly("Read", "Write");
    assertThat(p.chat().tools().get(0).description()).isEqualTo("reads");
    assertThat(p.chat().tools().get(1).inputSchema().has("properties")).isTrue();
    assertThat(p.skippedServerTools()).containsExactly("web_search", "bash");
  }

  @Test
  void mapsEachToolChoice() {
    assertThat(withExtra(TOOLS).chat().toolChoice()).isEqualTo(ToolChoice.AUTO);
    assertThat(withExtra(TOOLS + ",\"tool_choice\":{\"type\":\"auto\"}").chat().toolChoice())
        .isEqualTo(ToolChoice.AUTO);
    assertThat(withExtra(
                TOOLS + ",\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}")
            .chat()
            .toolChoice())
        .isEqualTo(ToolChoice.REQUIRED);
    assertThat(withExtra(TOOLS + ",\"tool_choice\":{\"type\":\"none\"}").chat().toolChoice())
        .isEqualTo(ToolChoice.NONE);
    assertThat(withExtra(TOOLS + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"Write\"}")
            .chat()
            .toolChoice())
        .isEqualTo(ToolChoice.tool("Write"));
  }

  @Test
  void turnsThinkingOnForEnabledAndAdaptiveAndOffForDisabledOrAbsent() {
    assertThat(withExtra("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}")
            .chat()
            .thinking())
        .isTrue();
    assertThat(withExtra("\"thinking\":{\"type\":\"adaptive\"}").chat().thinking())
        .isTrue();
    assertThat(withExtra("\"thinking\":{\"type\":\"disabled\"}").chat().thinking())
        .isFalse();
    assertThat(withExtra("\"stream\":false").chat().thinking()).isFalse();
  }

  @Test
  void acceptsAndIgnoresSamplingMetadataAndOtherKnownAndUnknownFields() {
    ParsedMessages p = withExtra("""
        "stop_sequences":["\\n\\nHuman:"],"temperature":0.2,"top_p":0.9,"top_k":5,
        "metadata":{"user_id":"{\\"device_id\\":\\"d\\"}"},"service_tier":"auto","container":"c1",
        "mcp_servers":[{"type":"url","url":"https://x","name":"x"}],
        "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
        "output_config":{"effort":"high"},"some_future_field":{"a":[1]}""");
    ChatRequest chat = p.chat();
    assertThat(chat.messages()).hasSize(1);
    assertThat(chat.tools()).isEmpty();
    assertThat(p.stream()).isFalse();
  }
}
