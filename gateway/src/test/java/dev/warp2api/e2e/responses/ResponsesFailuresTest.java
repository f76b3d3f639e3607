package dev.warp2api.e2e.responses;

import static dev.warp2api.e2e.responses.ResponsesE2e.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.warp2api.e2e.responses.ResponsesE2e.Event;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimFinish;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import dev.warp2api.warp.protocol.StructDepth;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a Responses turn fails: before the first content as an HTTP status with OpenAI's error body
 * (as on {@code /v1/chat/completions}); after it as exactly one terminal event, never
 * {@code response.completed}; bad input as a 400 naming the field, with nothing sent to Warp and
 * nothing stored.
 */
class ResponsesFailuresTest {
  private static final String ASK = "{\"model\":\"claude-4-5-sonnet\",\"input\":\"Tell me\"";

  @AutoClose
  private final TestStack stack = ResponsesE2e.start();

  private List<Event> streamed(String body) {
    HttpResponse<String> r = stack.post("/v1/responses", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Event> events = ResponsesE2e.events(r.body());
    assertThat(events.stream()
            .filter(e -> e.type().equals("response.completed")
                || e.type().equals("response.failed")
                || e.type().equals("response.incomplete")))
        .hasSize(1);
    return events;
  }

  @Test
  void streamWhoseOnlyCredentialRunsOutOfQuotaBeforeAnyOutputIsAnHttp429WithRetryAfter() {
    stack.sim.enqueue(SimReply.finish(SimFinish.QUOTA_LIMIT));
    HttpResponse<String> r = stack.post("/v1/responses", ASK + ",\"stream\":true}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    assertThat(ResponsesE2e.parse(r.body()).at("/error/code").asText())
        .isEqualTo("insufficient_quota");
    assertThat(r.body()).doesNotContain("event:");
  }

  @Test
  void sdkSeesA429BeforeTheFirstByteAsRateLimitException() {
    stack.sim.enqueue(SimReply.finish(SimFinish.QUOTA_LIMIT));
    OpenAIClient client = ResponsesE2e.sdk(stack, "any-key");
    try {
      Throwable thrown = catchThrowable(() -> {
        try (StreamResponse<ResponseStreamEvent> s = client
            .responses()
            .createStreaming(
                ResponseCreateParams.builder().model(MODEL).input("Hi").build())) {
          s.stream().forEach(e -> {});
        }
      });
      assertThat(thrown).isInstanceOf(RateLimitException.class);
    } finally {
      client.close();
    }
  }

  @Test
  void upstreamDropAfterTextEndsWithResponseFailedServerErrorAndTheSdkSeesAFailedResponse() {
    stack.sim.enqueue(SimFault.disconnectAfter(8));
    List<Event> events = streamed(ASK + ",\"stream\":true}");
    assertThat(events)
        .extracting(Event::type)
        .contains("response.output_text.delta")
        .doesNotContain("response.completed");
    Event last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo("response.failed");
    JsonNode response = last.data().get("response");
    assertThat(response.get("status").asText()).isEqualTo("failed");
    assertThat(response.at("/error/code").asText()).isEqualTo("server_error");
    assertThat(response.at("/error/message").asText()).isNotBlank();
    assertThat(response.at("/output/0/status").asText()).isEqualTo("incomplete");
    assertThat(stack.sim.requestCount()).isEqualTo(1);

    stack.sim.enqueue(SimFault.disconnectAfter(8));
    OpenAIClient client = ResponsesE2e.sdk(stack, "any-key");
    try {
      ResponseAccumulator acc = ResponseAccumulator.create();
      List<String> types = new ArrayList<>();
      try (StreamResponse<ResponseStreamEvent> s = client
          .responses()
          .createStreaming(
              ResponseCreateParams.builder().model(MODEL).input("Tell me").build())) {
        s.stream().forEach(e -> {
          acc.accumulate(e);
          types.add(e.isFailed() ? "failed" : "other");
        });
      }
      assertThat(types).endsWith("failed");
      Response failed = acc.response();
      assertThat(failed.status()).contains(ResponseStatus.FAILED);
      assertThat(failed.error()).isPresent();
    } finally {
      client.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "MAX_TOKEN_LIMIT, response.incomplete, incomplete",
    "CONTEXT_WINDOW_EXCEEDED, response.failed, failed",
    "QUOTA_LIMIT, response.failed, failed"
  })
  void warpsEndingAfterOutputIsTheTerminalEventOfTheTable(
      SimFinish.Kind kind, String terminal, String status) {
    stack.sim.enqueue(SimReply.text("Some output.").endingWith(new SimFinish(kind, "")));
    List<Event> events = streamed(ASK + ",\"stream\":true}");
    Event last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo(terminal);
    JsonNode response = last.data().get("response");
    assertThat(response.get("status").asText()).isEqualTo(status);
    switch (kind) {
      case MAX_TOKEN_LIMIT ->
        assertThat(response.at("/incomplete_details/reason").asText())
            .isEqualTo("max_output_tokens");
      case CONTEXT_WINDOW_EXCEEDED ->
        assertThat(response.at("/error/code").asText()).isEqualTo("context_length_exceeded");
      default -> // the only credential ran out: none has quota left (QuotaRanOutAfterOutputTest)
        assertThat(response.at("/error/code").asText()).isEqualTo("insufficient_quota");
    }
    assertThat(response.at("/usage/total_tokens").asLong()).isPositive();
  }

  @Test
  void maxTokensWithoutStreamIsA200IncompleteResponse() {
    stack.sim.enqueue(SimReply.text("Some output.").endingWith(SimFinish.MAX_TOKEN_LIMIT));
    HttpResponse<String> r = stack.post("/v1/responses", ASK + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = ResponsesE2e.parse(r.body());
    assertThat(body.get("status").asText()).isEqualTo("incomplete");
    assertThat(body.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"model\":\"claude-4-5-sonnet\"}|input",
        "{\"input\":\"hi\"}|model",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":\"hi\",\"tools\":{\"type\":\"function\"}}|tools",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\"},{\"role\":\"user\",\"content\":\"x\"}]}|input[0].name",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"nowhere\",\"output\":\"x\"}]}|input[0].call_id",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":[{\"type\":\"message\",\"role\":\"robot\",\"content\":\"x\"}]}|input[0].role",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":42}|input",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":\"hi\",\"previous_response_id\":\"resp_unknown\"}|previous_response_id",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_nowhere\"}]}|input[0].id",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"a\"}],\"tool_choice\":{\"type\":\"function\",\"name\":\"b\"}}|tool_choice.name"
      })
  void badInputIsA400NamingTheFieldAndNothingReachesWarpOrTheStore(String body, String param)
      throws Exception {
    HttpResponse<String> r = stack.post("/v1/responses", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonNode error = ResponsesE2e.parse(r.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").asText()).isEqualTo(param);
    assertThat(stack.sim.requestCount()).isZero();
    Path stored = stack.stateDir.resolve("responses");
    if (Files.isDirectory(stored)) {
      try (var files = Files.list(stored)) {
        assertThat(files).isEmpty();
      }
    }
  }

  /** A JSON object nested {@code levels} deep: {"a":{"a":...{}}}. */
  private static String nested(int levels) {
    return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }

  @Test
  void aToolSchemaOrCallArgumentsNestedDeeperThanWarpCanCarryIsA400NamingTheField() {
    String deep = nested(StructDepth.MAX_LEVELS + 1);
    String quoted = "\"" + deep.replace("\"", "\\\"") + "\"";
    String[][] cases = {
      {
        ASK + ",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":" + deep + "}]}",
        "tools[0].parameters"
      },
      {
        ASK + ",\"tools\":[{\"type\":\"web_search\"},{\"type\":\"namespace\",\"name\":\"ns\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"g\",\"parameters\":" + deep + "}]}]}",
        "tools[1].tools[0].parameters"
      },
      {
        "{\"model\":\"claude-4-5-sonnet\",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\","
            + "\"name\":\"f\",\"arguments\":" + quoted + "},{\"type\":\"function_call_output\","
            + "\"call_id\":\"c1\",\"output\":\"ok\"}]}",
        "input[0].arguments"
      }
    };
    for (String[] c : cases) {
      HttpResponse<String> r = stack.post("/v1/responses", c[0]);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      JsonNode error = ResponsesE2e.parse(r.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.get("param").asText()).isEqualTo(c[1]);
      assertThat(error.get("message").asText()).contains("nested 31 levels deep");
    }
    assertThat(stack.sim.requestCount()).isZero();

    stack.sim.enqueue(SimReply.text("Fine."));
    String deepest = nested(StructDepth.MAX_LEVELS);
    HttpResponse<String> r = stack.post(
        "/v1/responses",
        ASK + ",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":" + deepest
            + "}]}");
    assertThat(r.statusCode()).as("30 levels still travel: %s", r.body()).isEqualTo(200);
  }

  @Test
  void itemsAndToolsOfUnknownOrUnusableTypesAreSkippedAndTheTurnStillRuns() throws Exception {
    stack.sim.enqueue(SimReply.text("Fine."));
    HttpResponse<String> r = stack.post(
        "/v1/responses",
        "{\"model\":\"claude-4-5-sonnet\",\"input\":["
            + "{\"type\":\"web_search_call\",\"id\":\"ws_1\",\"status\":\"completed\",\"action\":{\"type\":\"search\"}},"
            + "{\"type\":\"brand_new_item\",\"anything\":1},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}]}],"
            + "\"tools\":[{\"type\":\"web_search\"},{\"type\":\"file_search\",\"vector_store_ids\":[]},"
            + "{\"type\":\"brand_new_tool\"},{\"type\":\"code_interpreter\",\"container\":{\"type\":\"auto\"}}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(ResponsesE2e.parse(r.body()).get("output_text").asText()).isEqualTo("Fine.");
    assertThat(stack.sim.takeRequest().request().getMcpContext().getToolsList()).isEmpty();
  }
}
