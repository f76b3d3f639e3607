package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import dev.warp2api.warp.protocol.pb.Message;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The simulator's record of one request shows everything the client sent reached Warp: the system
 * prompt behind the configured prefix, the whole history in order, the tool definitions and the
 * current input.
 */
class WhatReachesWarpTest {
  private static final String PREFIX = "You are serving the e2e test.";
  private static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
          + "\"description\":\"City name\"},\"days\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":7}},"
          + "\"required\":[\"city\"],\"additionalProperties\":false}";
  private static final String BODY = "{\"model\":\"gpt-4o\",\"temperature\":0.2,\"messages\":["
      + "{\"role\":\"system\",\"content\":\"Answer in English.\"},"
      + "{\"role\":\"user\",\"content\":\"What is 2+2?\"},"
      + "{\"role\":\"assistant\",\"content\":\"4.\"},"
      + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"}]},"
      + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_w1\",\"type\":\"function\","
      + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
      + "{\"role\":\"tool\",\"tool_call_id\":\"call_w1\",\"content\":\"sunny, 21C\"},"
      + "{\"role\":\"assistant\",\"content\":\"It is sunny in Paris.\"},"
      + "{\"role\":\"user\",\"content\":\"And tomorrow?\"}],"
      + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather forecast\","
      + "\"parameters\":" + WEATHER_SCHEMA + "}},"
      + "{\"type\":\"function\",\"function\":{\"name\":\"list_cities\",\"parameters\":{\"properties\":{}}}}]}";

  @AutoClose
  private final TestStack stack = OpenAiE2e.start("W2A_SYSTEM_PROMPT_PREFIX", PREFIX);

  @Test
  @SuppressWarnings("deprecation") // mcp_context.tools, the form the gateway sends by default
  void systemPromptHistoryToolsAndCurrentInputAllReachWarp() throws Exception {
    stack.sim.enqueue(SimReply.text("Rain."));
    HttpResponse<String> r = stack.post("/v1/chat/completions", BODY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    RecordedRequest seen = stack.sim.takeRequest();

    assertThat(seen.request().getSettings().getModelConfig().getBase()).isEqualTo("gpt-5-5-low");
    var inputs = seen.request().getInput().getUserInputs().getInputsList();
    assertThat(inputs).singleElement().satisfies(in -> {
      assertThat(in.getUserQuery().getQuery()).isEqualTo("And tomorrow?");
      assertThat(
              in.getUserQuery().getReferencedAttachmentsOrThrow("SYSTEM_PROMPT").getPlainText())
          .isEqualTo(PREFIX + "\n\nAnswer in English.");
    });

    List<Message> history = seen.request().getTaskContext().getTasks(0).getMessagesList();
    assertThat(history)
        .extracting(m -> m.getMessageCase().name())
        .containsExactly(
            "USER_QUERY",
            "AGENT_OUTPUT",
            "USER_QUERY",
            "TOOL_CALL",
            "TOOL_CALL_RESULT",
            "AGENT_OUTPUT");
    assertThat(history.get(0).getUserQuery().getQuery()).isEqualTo("What is 2+2?");
    assertThat(history.get(1).getAgentOutput().getText()).isEqualTo("4.");
    assertThat(history.get(2).getUserQuery().getQuery()).isEqualTo("Weather in Paris?");
    assertThat(history.get(3).getToolCall().getToolCallId()).isEqualTo("call_w1");
    assertThat(history.get(3).getToolCall().getCallMcpTool().getName()).isEqualTo("get_weather");
    assertThat(JsonFormat.printer()
            .print(history.get(3).getToolCall().getCallMcpTool().getArgs()))
        .isEqualToIgnoringWhitespace("{\"city\":\"Paris\"}");
    assertThat(history.get(4).getToolCallResult().getToolCallId()).isEqualTo("call_w1");
    assertThat(history
            .get(4)
            .getToolCallResult()
            .getCallMcpTool()
            .getSuccess()
            .getResults(0)
            .getText()
            .getText())
        .isEqualTo("sunny, 21C");
    assertThat(history.get(5).getAgentOutput().getText()).isEqualTo("It is sunny in Paris.");
    String taskId = seen.request().getTaskContext().getTasks(0).getId();
    assertThat(history).allSatisfy(m -> assertThat(m.getTaskId()).isEqualTo(taskId));

    var tools = seen.request().getMcpContext().getToolsList();
    assertThat(tools).extracting(t -> t.getName()).containsExactly("get_weather", "list_cities");
    assertThat(tools.get(0).getDescription()).isEqualTo("Weather forecast");
    assertThat(OpenAiE2e.parse(JsonFormat.printer().print(tools.get(0).getInputSchema())))
        .isEqualTo(OpenAiE2e.parse(WEATHER_SCHEMA.replace(
            "\"minimum\":1,\"maximum\":7", "\"minimum\":1.0,\"maximum\":7.0")));
    assertThat(OpenAiE2e.parse(JsonFormat.printer().print(tools.get(1).getInputSchema())))
        .isEqualTo(OpenAiE2e.parse("{\"type\":\"object\",\"properties\":{}}"));
  }

  @Test
  void unrelatedClientsShareNoConversationState() throws Exception {
    stack.sim.enqueue(SimReply.text("A")).enqueue(SimReply.text("B"));
    String one =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"first client\"}]}";
    String two =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"second client\"}]}";
    assertThat(stack.post("/v1/chat/completions", one).statusCode()).isEqualTo(200);
    assertThat(stack.post("/v1/chat/completions", two).statusCode()).isEqualTo(200);
    RecordedRequest first = stack.sim.takeRequest();
    RecordedRequest second = stack.sim.takeRequest();
    assertThat(second.request().getTaskContext().getTasks(0).getMessagesList()).isEmpty();
    assertThat(second.lastQuery()).isEqualTo("second client");
    assertThat(second.request().getTaskContext().getTasks(0).getId())
        .isNotEqualTo(first.request().getTaskContext().getTasks(0).getId());
    assertThat(second.request().getMetadata().getConversationId()).isEmpty();
  }

  @Test
  void aPastToolCallWithTruncatedArgumentsStillReachesWarpAsRawText() throws Exception {
    stack.sim.enqueue(SimReply.text("Done."));
    HttpResponse<String> r = stack.post(
        "/v1/chat/completions",
        "{\"model\":\"gpt-4o\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Read it\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_t1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"read\",\"arguments\":\"{\\\"path\\\":\\\"/tm\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_t1\",\"content\":\"cut off\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Message call =
        stack.sim.takeRequest().request().getTaskContext().getTasks(0).getMessagesList().stream()
            .filter(Message::hasToolCall)
            .findFirst()
            .orElseThrow();
    assertThat(call.getToolCall()
            .getCallMcpTool()
            .getArgs()
            .getFieldsOrThrow("raw_arguments")
            .getStringValue())
        .isEqualTo("{\"path\":\"/tm");
  }
}
