package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Bad requests get a clear OpenAI-shaped error and never reach Warp. */
class RequestRejectionTest {
  @AutoClose
  private final TestStack stack = OpenAiE2e.start("W2A_MAX_BODY_BYTES", "4KiB");

  private static JsonNode error(HttpResponse<String> r) {
    JsonNode root = OpenAiE2e.parse(r.body());
    JsonNode error = root.get("error");
    assertThat(error).as(r.body()).isNotNull();
    assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code"))
        .isTrue();
    return error;
  }

  @Test
  void moreThanOneChoiceIsA400NamingN() {
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode e = error(r);
    assertThat(e.get("param").asText()).isEqualTo("n");
    assertThat(e.get("message").asText()).contains("n");
    assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void malformedJsonIsA400SayingWhere() {
    HttpResponse<String> r =
        stack.post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).get("message").asText())
        .containsIgnoringCase("malformed JSON")
        .contains("line 1");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void missingMessagesIsA400NamingTheField() {
    HttpResponse<String> r = stack.post("/v1/chat/completions", "{\"model\":\"gpt-4o\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(error(r).get("param").asText()).isEqualTo("messages");
  }

  @Test
  void bodyOverTheLimitIsA413InOpenAiShape() {
    String big = "x".repeat(5000);
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
    assertThat(r.statusCode()).isEqualTo(413);
    JsonNode e = error(r);
    assertThat(e.get("code").asText()).isEqualTo("request_too_large");
    assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void parametersWarpCannotHonourAreAcceptedAndIgnored() {
    stack.sim.enqueue(SimReply.text("ok"));
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"n\":1,\"temperature\":0.1,"
            + "\"top_p\":0.5,\"seed\":7,\"stop\":[\"END\"],\"logprobs\":false,\"user\":\"u1\",\"parallel_tool_calls\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(OpenAiE2e.parse(r.body()).at("/choices/0/message/content").asText())
        .isEqualTo("ok");
  }

  @Test
  void wrongMethodAndUnknownRouteAnswerInOpenAiShape() {
    HttpResponse<String> get = stack.get("/v1/chat/completions");
    assertThat(get.statusCode()).isEqualTo(405);
    error(get);
    HttpResponse<String> unknown = stack.get("/v1/no-such-route");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown).get("message").asText()).contains("/v1/no-such-route");
  }
}
