package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.parse;
import static dev.warp2api.api.openai.OpenAiFixtures.withMessages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRequestParserMessagesTest {

  @Test
  void joinsSystemAndDeveloperMessagesFromAnywhereWithABlankLine() {
    ParsedChat p = parse(withMessages("""
        [{"role":"system","content":"Be brief."},
         {"role":"user","content":"hi"},
         {"role":"developer","content":[{"type":"text","text":"Use tools."},{"type":"text","text":"Twice."}]},
         {"role":"system","content":"Last word."}]"""));
    assertThat(p.chat().system()).isEqualTo("Be brief.\n\nUse tools.\nTwice.\n\nLast word.");
    assertThat(p.chat().messages()).containsExactly(ChatMessage.User.text("hi"));
  }

  @Test
  void readsUserTextPartsAndDataUrlImages() {
    ParsedChat p = parse(withMessages("""
        [{"role":"user","content":[{"type":"text","text":"what is this?"},
          {"type":"image_url","image_url":{"url":"data:image/png;base64,AQID","detail":"high"}}]}]"""));
    var user = (ChatMessage.User) p.chat().messages().getFirst();
    assertThat(user.parts()).hasSize(2);
    assertThat(user.parts().get(0)).isEqualTo(new ContentPart.Text("what is this?"));
    var image = (ContentPart.Image) user.parts().get(1);
    assertThat(image.mediaType()).isEqualTo("image/png");
    assertThat(image.data()).containsExactly(1, 2, 3);
  }

  @Test
  void readsAssistantTextToolCallsAndReasoningThenToolResults() {
    ParsedChat p = parse(withMessages("""
        [{"role":"user","content":"weather?"},
         {"role":"assistant","content":null,"reasoning_content":"need a tool",
          "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                        {"id":"call_2","type":"function","function":{"name":"get_time"}}]},
         {"role":"tool","tool_call_id":"call_1","content":"sunny"},
         {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"12:00"}]}]"""));
    assertThat(p.chat().messages())
        .containsExactly(
            ChatMessage.User.text("weather?"),
            new ChatMessage.Assistant(
                "",
                "need a tool",
                List.of(
                    new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                    new ToolCall("call_2", "get_time", "{}"))),
            new ChatMessage.ToolResult("call_1", "sunny", false),
            new ChatMessage.ToolResult("call_2", "12:00", false));
  }

  @Test
  void keepsConsecutiveUserMessagesSeparate() {
    ParsedChat p = parse(withMessages("""
        [{"role":"user","content":"Generate a title for this conversation:\\n"},{"role":"user","content":"hello"}]"""));
    assertThat(p.chat().messages())
        .containsExactly(
            ChatMessage.User.text("Generate a title for this conversation:\n"),
            ChatMessage.User.text("hello"));
  }

  @Test
  void treatsLegacyFunctionRoleAsToolResultPairedByName() {
    ParsedChat p = parse(withMessages("""
        [{"role":"user","content":"x"},
         {"role":"assistant","content":"","function_call":{"name":"lookup","arguments":"{}"}},
         {"role":"function","name":"lookup","content":"found"}]"""));
    assertThat(p.chat().messages().get(1))
        .isEqualTo(
            new ChatMessage.Assistant("", null, List.of(new ToolCall("lookup", "lookup", "{}"))));
    assertThat(p.chat().messages().get(2))
        .isEqualTo(new ChatMessage.ToolResult("lookup", "found", false));
  }

  @Test
  void readsTopLevelOptionsAndEchoesTheRequestedModel() {
    ParsedChat p = parse("""
        {"model":"Claude-Sonnet-4-5-20250929","messages":[{"role":"user","content":"hi"}],"stream":true,
         "stream_options":{"include_usage":true},"max_tokens":32000,"max_completion_tokens":1000,
         "reasoning_effort":"high","temperature":0.2,"top_p":1,"seed":7,"stop":["x"],"logprobs":true,
         "top_logprobs":2,"user":"u","response_format":{"type":"json_object"},"parallel_tool_calls":true,
         "n":1,"metadata":{"a":"b"},"store":false,"service_tier":"auto","modalities":["text"],"some_future_field":{}}""");
    assertThat(p.requestedModel()).isEqualTo("Claude-Sonnet-4-5-20250929");
    assertThat(p.chat().model()).isEqualTo("claude-4-5-sonnet");
    assertThat(p.stream()).isTrue();
    assertThat(p.includeUsage()).isTrue();
    assertThat(p.chat().maxTokens()).isEqualTo(1000);
    assertThat(p.chat().thinking()).isTrue();
  }

  @Test
  void defaultsWhenOptionsAreAbsent() {
    ParsedChat p = parse(withMessages("[{\"role\":\"user\",\"content\":\"hi\"}]"));
    assertThat(p.stream()).isFalse();
    assertThat(p.includeUsage()).isFalse();
    assertThat(p.chat().maxTokens()).isNull();
    assertThat(p.chat().thinking()).isFalse();
    assertThat(p.chat().system()).isNull();
    assertThat(parse(
                "{\"model\":\"auto\",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
            .chat()
            .thinking())
        .isFalse();
  }
}
