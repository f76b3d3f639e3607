package dev.warp2api.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  @Test
  void countsAboutFourCharactersPerTokenRoundedUp() {
    assertThat(TokenEstimator.ofText(null)).isZero();
    assertThat(TokenEstimator.ofText("")).isZero();
    assertThat(TokenEstimator.ofText("abc")).isEqualTo(1);
    assertThat(TokenEstimator.ofText("abcd")).isEqualTo(1);
    assertThat(TokenEstimator.ofText("abcde")).isEqualTo(2);
  }

  @Test
  void requestEstimateCoversSystemMessagesToolCallsResultsAndSchemas() {
    var schema =
        JsonNodeFactory.instance.objectNode().put("type", "object"); // {"type":"object"} = 17 chars
    ChatRequest request = new ChatRequest(
        "auto",
        "12345678",
        List.of(
            ChatMessage.User.text("1234"),
            new ChatMessage.Assistant(
                "12345678", null, List.of(new ToolCall("c1", "abcd", "{\"a\":1}"))),
            new ChatMessage.ToolResult("c1", "123456789012", false)),
        List.of(new ToolSpec("read", "1234", schema)),
        ToolChoice.AUTO,
        null,
        false);
    // Characters: 8 + 4 + (8 + 4 + 7) + (12 + 2) + (4 + 4 + 17) = 70 -> 18 tokens, rounded up once;
    // framing: 3 for the system prompt and 3 for each of the 3 messages = 12.
    assertThat(TokenEstimator.ofRequest(request)).isEqualTo(30);
  }

  @Test
  void countsEachNonAsciiCodePointAsAWholeToken() {
    assertThat(TokenEstimator.ofText("日本語")).isEqualTo(3);
    assertThat(TokenEstimator.ofText("ab日"))
        .as("2 quarters + 1 whole token, rounded up")
        .isEqualTo(2);
    assertThat(TokenEstimator.ofText("😀"))
        .as("a surrogate pair is one code point")
        .isEqualTo(1);
  }

  @Test
  void imagesCostAFlatAmountAndAnyMessageCostsAtLeastOneToken() {
    ChatRequest image = new ChatRequest(
        "auto",
        null,
        List.of(new ChatMessage.User(
            List.of(new ContentPart.Image("image/png", new byte[] {1, 2, 3})))),
        List.of(),
        ToolChoice.AUTO,
        null,
        false);
    assertThat(TokenEstimator.ofRequest(image))
        .isEqualTo(TokenEstimator.IMAGE_TOKENS + TokenEstimator.PER_MESSAGE);
    ChatRequest empty = new ChatRequest(
        "auto", null, List.of(ChatMessage.User.text("")), List.of(), ToolChoice.AUTO, null, false);
    assertThat(TokenEstimator.ofRequest(empty)).isEqualTo(TokenEstimator.PER_MESSAGE);
  }

  @Test
  void prefersReportedInputAndOutput() {
    var counts = TokenEstimator.counts(new Usage(100, 20, 120, 1), 999, 999);
    assertThat(counts).isEqualTo(new TokenEstimator.Counts(100, 20));
    assertThat(counts.totalTokens()).isEqualTo(120);
  }

  @Test
  void derivesCompletionAsTotalMinusInputWhenOnlyTotalsAreReported() {
    assertThat(TokenEstimator.counts(new Usage(1000, -1, 1250, -1), 5, 5))
        .isEqualTo(new TokenEstimator.Counts(1000, 250));
  }

  @Test
  void fallsBackToEstimatesWhenWarpReportsNothing() {
    assertThat(TokenEstimator.counts(Usage.UNKNOWN, 42, 9))
        .isEqualTo(new TokenEstimator.Counts(42, 3));
    assertThat(TokenEstimator.counts(new Usage(-1, -1, 500, -1), 42, 9))
        .as("a total without an input count cannot be split")
        .isEqualTo(new TokenEstimator.Counts(42, 3));
  }
}
