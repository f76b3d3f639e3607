package dev.warp2api.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssistantAndSystemParsingTest {

  @Test
  void readsAssistantTextThinkingAndToolUse() {
    ChatRequest chat = Requests.PARSER.parse(Requests.withMessages("""
        [{"role":"user","content":"hi"},
         {"role":"assistant","content":[
           {"type":"thinking","thinking":"let me see","signature":"sig"},
           {"type":"redacted_thinking","data":"opaque"},
           {"type":"text","text":"Reading."},
           {"type":"tool_use","id":"toolu_9","name":"Read","input":{"path":"/a","n":2}},
           {"type":"tool_use","id":"toolu_10","name":"Read","input":{}}]},
         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":"x"},
           {"type":"tool_result","tool_use_id":"toolu_10","content":"y"}]}]""")).chat();
    ChatMessage.Assistant a = (ChatMessage.Assistant) chat.messages().get(1);
    assertThat(a.text()).isEqualTo("Reading.");
    assertThat(a.reasoning()).isEqualTo("let me see");
    assertThat(a.toolCalls())
        .containsExactly(
            new ToolCall("toolu_9", "Read", "{\"path\":\"/a\",\"n\":2}"),
            new ToolCall("toolu_10", "Read", "{}"));
    assertThat(chat.messages()).hasSize(4);
  }

  @Test
  void joinsTopLevelSystemBlocksAndSystemMessagesIntoTheSystemPrompt() {
    ChatRequest chat = Requests.parse("""
        {"model":"claude-4-sonnet","max_tokens":10,
         "system":[{"type":"text","text":"A"},{"type":"text","text":"B","cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"user","content":"q"},{"role":"system","content":"C"},
           {"role":"assistant","content":"ok"},{"role":"user","content":"q2"},
           {"role":"system","content":[{"type":"text","text":"D"}]}]}""").chat();
    assertThat(chat.system()).isEqualTo("A\n\nB\n\nC\n\nD");
    assertThat(chat.messages())
        .containsExactly(
            ChatMessage.User.text("q"),
            new ChatMessage.Assistant("ok", null, List.of()),
            ChatMessage.User.text("q2"));
  }

  @Test
  void leavesSystemNullWhenThereIsNone() {
    assertThat(Requests.parse("""
        {"model":"claude-4-sonnet","max_tokens":10,"messages":[{"role":"user","content":"q"}]}""").chat().system()).isNull();
  }

  @Test
  void resolvesTheModelAndKeepsTheRequestedName() {
    ParsedMessages p = Requests.parse("""
        {"model":"claude-sonnet-4-5-20250929","max_tokens":7,"stream":true,
         "messages":[{"role":"user","content":"q"}]}""");
    assertThat(p.chat().model()).isEqualTo("claude-4-sonnet");
    assertThat(p.requestedModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(p.chat().maxTokens()).isEqualTo(7);
    assertThat(p.stream()).isTrue();
    assertThat(p.estimatedInputTokens()).isPositive();
  }
}
