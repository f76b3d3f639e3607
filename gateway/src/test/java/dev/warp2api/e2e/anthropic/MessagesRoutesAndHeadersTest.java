package dev.warp2api.e2e.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCountTokensParams;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code ?beta=true}, {@code count_tokens}, Anthropic headers accepted, and a {@code request-id} on
 * every answer.
 */
class MessagesRoutesAndHeadersTest {
  private static final String[] CLAUDE_HEADERS = {
    "x-api-key",
    "k",
    "anthropic-version",
    "2023-06-01",
    "anthropic-beta",
    "claude-code-20250219,some-future-beta-2031-01-01",
    "x-app",
    "cli"
  };
  private static final String MESSAGE = """
      {"model":"claude-sonnet-4-5-20250929","max_tokens":64,"messages":[{"role":"user","content":"Hi there"}]}""";
  private static final String COUNT = """
      {"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"Hi there"}]}""";

  @AutoClose
  private final TestStack stack = AnthropicE2e.stack();

  @Test
  void betaQueryAndUnknownBetaHeadersAreAccepted() {
    stack.sim.enqueue(SimReply.text("beta ok"));
    HttpResponse<String> r = stack.post("/v1/messages?beta=true", MESSAGE, CLAUDE_HEADERS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(AnthropicE2e.json(r.body()).at("/content/0/text").asText()).isEqualTo("beta ok");
  }

  @Test
  void countTokensAnswersTheSameEstimateAsMessageStartWithAndWithoutBeta() {
    HttpResponse<String> plain = stack.post("/v1/messages/count_tokens", COUNT, CLAUDE_HEADERS);
    HttpResponse<String> beta =
        stack.post("/v1/messages/count_tokens?beta=true", COUNT, CLAUDE_HEADERS);
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(beta.statusCode()).isEqualTo(200);
    var counted = AnthropicE2e.json(plain.body());
    assertThat(counted.size()).isEqualTo(1);
    long n = counted.get("input_tokens").asLong();
    assertThat(n).isPositive();
    assertThat(AnthropicE2e.json(beta.body()).get("input_tokens").asLong()).isEqualTo(n);

    stack.sim.enqueue(SimReply.text("counted"));
    HttpResponse<String> streamed = stack.post(
        "/v1/messages",
        MESSAGE.replace("\"max_tokens\":64", "\"max_tokens\":64,\"stream\":true"),
        CLAUDE_HEADERS);
    var start = AnthropicE2e.events(streamed.body()).get(0).data();
    assertThat(start.at("/message/usage/input_tokens").asLong()).isEqualTo(n);
    assertThat(stack.sim.requestCount()).as("counting never reaches Warp").isEqualTo(1);
  }

  @Test
  void theSdkCountsTokens() {
    AnthropicClient client = AnthropicE2e.sdk(stack);
    try {
      long n = client
          .messages()
          .countTokens(MessageCountTokensParams.builder()
              .model("claude-sonnet-4-5-20250929")
              .addUserMessage("Hi there")
              .build())
          .inputTokens();
      assertThat(n)
          .isEqualTo(
              AnthropicE2e.json(stack.post("/v1/messages/count_tokens", COUNT).body())
                  .get("input_tokens")
                  .asLong());
    } finally {
      client.close();
    }
  }

  @Test
  void everyAnswerCarriesARequestId() {
    stack.sim.enqueue(SimReply.text("one"));
    stack.sim.enqueue(SimReply.text("two"));
    List<HttpResponse<String>> answers = List.of(
        stack.post("/v1/messages", MESSAGE, CLAUDE_HEADERS),
        stack.post(
            "/v1/messages",
            MESSAGE.replace("\"max_tokens\":64", "\"stream\":true,\"max_tokens\":64")),
        stack.post("/v1/messages/count_tokens", COUNT),
        stack.post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}"),
        stack.post("/v1/messages", "{not json"),
        stack.post("/v1/messages", MESSAGE.replace("claude-sonnet-4-5-20250929", "no-such-model")),
        stack.post("/v1/messages/nope", MESSAGE));
    assertThat(answers)
        .extracting(HttpResponse::statusCode)
        .containsExactly(200, 200, 200, 400, 400, 404, 404);
    for (HttpResponse<String> r : answers) {
      assertThat(r.headers().firstValue("request-id"))
          .as(r.uri() + " " + r.body())
          .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }
    for (HttpResponse<String> r : answers.subList(3, answers.size())) {
      var error = AnthropicE2e.json(r.body());
      assertThat(error.get("type").asText()).as(r.body()).isEqualTo("error");
      assertThat(error.at("/error/type").asText()).isNotBlank();
      assertThat(error.at("/error/message").asText()).isNotBlank();
    }
  }

  @Test
  void countTokensAnswersCarryXRequestIdEqualToRequestId() {
    for (String path :
        List.of("/v1/messages/count_tokens", "/v1/messages/count_tokens?beta=true")) {
      HttpResponse<String> r = stack.post(path, COUNT, CLAUDE_HEADERS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-request-id"))
          .as(path)
          .isPresent()
          .isEqualTo(r.headers().firstValue("request-id"));
    }
  }
}
