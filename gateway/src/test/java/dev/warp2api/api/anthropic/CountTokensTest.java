package dev.warp2api.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import org.junit.jupiter.api.Test;

class CountTokensTest {
  private final CountTokens counter = new CountTokens(Requests.PARSER);

  @Test
  void countsWithoutMaxTokensAndAgreesWithMessageStart() {
    String body = """
        {"model":"claude-4-sonnet","system":"You are terse.","messages":[{"role":"user","content":"foo"}],
         "tools":[{"name":"Read","description":"reads a file","input_schema":{"type":"object"}}]}""";
    String answer = counter.respond(Requests.json(body));
    ObjectNode withMax = (ObjectNode) Requests.json(body);
    withMax.put("max_tokens", 10);
    int estimate = Requests.PARSER.parse(withMax).estimatedInputTokens();
    assertThat(answer).isEqualTo("{\"input_tokens\":" + estimate + "}");
    assertThat(estimate).isPositive();
  }

  @Test
  void estimatesFourAsciiCharactersPerTokenPlusFraming() {
    // 40 ASCII characters -> 10 tokens, plus 3 framing tokens for the one message.
    String answer = counter.respond(Requests.json("""
        {"model":"claude-4-sonnet","messages":[{"role":"user","content":"%s"}]}""".formatted("a".repeat(40))));
    assertThat(answer).isEqualTo("{\"input_tokens\":13}");
  }

  @Test
  void countsEachNonAsciiCharacterAsAToken() {
    String answer = counter.respond(Requests.json("""
        {"model":"claude-4-sonnet","messages":[{"role":"user","content":"日本語のテキスト"}]}"""));
    assertThat(answer).isEqualTo("{\"input_tokens\":11}");
  }

  @Test
  void growsWithToolDefinitions() {
    String noTools = counter.respond(Requests.json("""
        {"model":"claude-4-sonnet","messages":[{"role":"user","content":"foo"}]}"""));
    String withTools = counter.respond(ClaudeCodeReplayTest.claudeCodeBody(24));
    assertThat(Requests.json(withTools).get("input_tokens").asInt())
        .isGreaterThan(Requests.json(noTools).get("input_tokens").asInt() + 20_000);
  }

  @Test
  void stillRequiresAKnownModel() {
    assertThatThrownBy(() -> counter.respond(Requests.json("""
        {"model":"nope","messages":[{"role":"user","content":"foo"}]}""")))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND));
  }

  @Test
  void countsAConversationEndingWithAnAssistantTurn() {
    String answer = counter.respond(Requests.json("""
        {"model":"claude-4-sonnet","messages":[{"role":"user","content":"foo"},
         {"role":"assistant","content":"The answer is"}]}"""));
    assertThat(Requests.json(answer).get("input_tokens").asInt()).isPositive();
  }

  @Test
  void countsAConversationOfSystemMessagesOnly() {
    String answer = counter.respond(Requests.json("""
        {"model":"claude-4-sonnet","system":"Be brief.","messages":[{"role":"system","content":"Only system."}]}"""));
    assertThat(Requests.json(answer).get("input_tokens").asInt()).isPositive();
  }
}
