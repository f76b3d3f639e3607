package dev.warp2api.api.anthropic;

import static dev.warp2api.api.anthropic.Events.call;
import static dev.warp2api.api.anthropic.Events.done;
import static dev.warp2api.api.anthropic.Events.finished;
import static dev.warp2api.api.anthropic.Events.reasoning;
import static dev.warp2api.api.anthropic.Events.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.Usage;
import org.junit.jupiter.api.Test;

class ResponseAggregatorTest {

  private static AnthropicResponseAggregator feed(ChatEvent... events) {
    AnthropicResponseAggregator a =
        new AnthropicResponseAggregator("claude-sonnet-4-5", 30, () -> "msg_test");
    for (ChatEvent e : events) {
      a.accept(e);
    }
    return a;
  }

  @Test
  void aggregatesThinkingTextAndToolCallsIntoOneMessage() {
    AnthropicResponseAggregator a = feed(
        new ChatEvent.Started("c", "r"),
        reasoning("hmm, "),
        reasoning("ok"),
        text("Reading "),
        text("both."),
        call("toolu_1", "Read", "{\"path\":\"/a\"}"),
        call("c2", "Read", "{}"),
        done(new Usage(900, 40, 940, 2.0)));
    assertThat(a.isDone()).isTrue();
    assertThat(a.json()).isEqualTo("""
        {"id":"msg_test","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[\
        {"type":"thinking","thinking":"hmm, ok","signature":""},\
        {"type":"text","text":"Reading both."},\
        {"type":"tool_use","id":"toolu_1","name":"Read","input":{"path":"/a"}},\
        {"type":"tool_use","id":"toolu_c2","name":"Read","input":{}}],\
        "stop_reason":"tool_use","stop_sequence":null,\
        "usage":{"input_tokens":900,"output_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}""");
  }

  @Test
  void usesEstimatesAndEndTurnForAPlainTextReplyWithoutUsage() {
    String message = feed(text("12345678"), finished(FinishReason.DONE)).json();
    assertThat(message)
        .contains(
            "\"content\":[{\"type\":\"text\",\"text\":\"12345678\"}]",
            "\"stop_reason\":\"end_turn\"",
            "\"input_tokens\":30,\"output_tokens\":2,");
  }

  @Test
  void reportsMaxTokensForATruncatedReply() {
    assertThat(feed(text("abc"), finished(FinishReason.MAX_TOKENS)).json())
        .contains("\"stop_reason\":\"max_tokens\"");
  }

  @Test
  void throwsTheFailureForAFailedFinish() {
    AnthropicResponseAggregator a =
        feed(text("abc"), finished(FinishReason.LLM_UNAVAILABLE), text("ignored"));
    assertThat(a.isDone()).isTrue();
    assertThatThrownBy(a::json)
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
  }

  @Test
  void refusesToAnswerBeforeTheTurnFinishes() {
    assertThatThrownBy(feed(text("abc"))::json).isInstanceOf(IllegalStateException.class);
  }
}
