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
    var schema = JsonNodeFactory.instance.objectNode().put("type", "object"); // {"type":"object"} = 17 chars
    ChatRequest request = new ChatRequest("auto", "12345678",
        List.of(ChatMessage.User.text("1234"),
            new ChatMessage.Assistant("12345678", null, List.of(new ToolCall("c1", "abcd", "{\"a\":1}"))),
            new ChatMessage.ToolResult("c1", "123456789012", false)),
        List.of(new ToolSpec("read", "1234", schema)), ToolChoice.AUTO, null, false);
    // 2 + 1 + (2 + 1 + 2) + 3 + (1 + 1 + 5)
    assertThat(TokenEstimator.ofRequest(request)).isEqualTo(18);
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
    assertThat(TokenEstimator.counts(Usage.UNKNOWN, 42, 9)).isEqualTo(new TokenEstimator.Counts(42, 3));
    assertThat(TokenEstimator.counts(new Usage(-1, -1, 500, -1), 42, 9))
        .as("a total without an input count cannot be split").isEqualTo(new TokenEstimator.Counts(42, 3));
  }
}
