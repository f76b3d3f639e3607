package dev.warp2api.e2e.openai;

import static dev.warp2api.e2e.openai.OpenAiE2e.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import dev.warp2api.warp.protocol.pb.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A tool call and its result travel SDK → gateway → simulator and back, streamed. */
class SdkToolRoundTripTest {
  @AutoClose
  private final StackWithClient<OpenAIClient> e2e = OpenAiE2e.startWithSdk();

  private final TestStack stack = e2e.stack();
  private final OpenAIClient client = e2e.client();

  private static FunctionDefinition weatherTool() {
    return FunctionDefinition.builder()
        .name("get_weather")
        .description("Current weather of a city")
        .parameters(FunctionParameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty(
                "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  private ChatCompletion streamed(ChatCompletionCreateParams p) {
    ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(p)) {
      s.stream().forEach(acc::accumulate);
    }
    return acc.chatCompletion();
  }

  @Test
  @SuppressWarnings("deprecation") // mcp_context.tools, the form the gateway sends by default
  void toolCallComesBackAndItsResultReachesWarpWithTheHistory() throws Exception {
    stack.sim.enqueue(
        SimReply.toolCalls(List.of(new SimToolCall("get_weather", "{\"city\":\"Paris\"}"))));
    ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder()
        .model(MODEL)
        .addUserMessage("Weather in Paris?")
        .addFunctionTool(weatherTool());

    ChatCompletion first = streamed(conversation.build());
    ChatCompletion.Choice choice = first.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo("get_weather");
    assertThat(OpenAiE2e.parse(call.function().arguments()))
        .isEqualTo(OpenAiE2e.parse("{\"city\":\"Paris\"}"));
    assertThat(call.id()).isNotBlank();

    RecordedRequest firstSeen = stack.sim.takeRequest();
    var tools = firstSeen.request().getMcpContext().getToolsList();
    assertThat(tools).singleElement().satisfies(t -> {
      assertThat(t.getName()).isEqualTo("get_weather");
      assertThat(t.getDescription()).isEqualTo("Current weather of a city");
      assertThat(OpenAiE2e.parse(JsonFormat.printer().print(t.getInputSchema())))
          .isEqualTo(
              OpenAiE2e.parse(
                  "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    });

    stack.sim.enqueue(SimReply.text("Sunny and 21 °C in Paris."));
    ChatCompletion second = streamed(conversation
        .addMessage(choice.message())
        .addMessage(ChatCompletionToolMessageParam.builder()
            .toolCallId(call.id())
            .content("sunny, 21C")
            .build())
        .build());
    assertThat(second.choices().get(0).message().content()).contains("Sunny and 21 °C in Paris.");
    assertThat(second.choices().get(0).finishReason())
        .isEqualTo(ChatCompletion.Choice.FinishReason.STOP);

    RecordedRequest seen = stack.sim.takeRequest();
    List<Message> history = seen.request().getTaskContext().getTasks(0).getMessagesList();
    assertThat(history)
        .anySatisfy(m -> assertThat(m.getUserQuery().getQuery()).isEqualTo("Weather in Paris?"));
    assertThat(history).filteredOn(Message::hasToolCall).singleElement().satisfies(m -> {
      assertThat(m.getToolCall().getToolCallId()).isEqualTo(call.id());
      assertThat(m.getToolCall().getCallMcpTool().getName()).isEqualTo("get_weather");
      assertThat(m.getToolCall()
              .getCallMcpTool()
              .getArgs()
              .getFieldsOrThrow("city")
              .getStringValue())
          .isEqualTo("Paris");
    });
    var inputs = seen.request().getInput().getUserInputs().getInputsList();
    assertThat(inputs).singleElement().satisfies(in -> {
      assertThat(in.getToolCallResult().getToolCallId()).isEqualTo(call.id());
      assertThat(in.getToolCallResult()
              .getCallMcpTool()
              .getSuccess()
              .getResults(0)
              .getText()
              .getText())
          .isEqualTo("sunny, 21C");
    });
    assertThat(seen.request().getMcpContext().getToolsList())
        .extracting(t -> t.getName())
        .containsExactly("get_weather");
  }

  @Test
  void parallelToolCallsComeBackInOneNonStreamedMessage() {
    stack.sim.enqueue(SimReply.toolCalls(
        "Checking both.",
        List.of(
            new SimToolCall("get_weather", "{\"city\":\"Paris\"}"),
            new SimToolCall("get_weather", "{\"city\":\"Rome\"}"))));
    ChatCompletion c = client
        .chat()
        .completions()
        .create(ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addUserMessage("Weather in Paris and Rome?")
            .addFunctionTool(weatherTool())
            .build());
    ChatCompletion.Choice choice = c.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    assertThat(choice.message().content()).contains("Checking both.");
    var calls = choice.message().toolCalls().orElseThrow().stream()
        .map(t -> t.asFunction())
        .toList();
    assertThat(calls)
        .extracting(t -> t.function().arguments())
        .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Rome\"}");
    assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id).doesNotHaveDuplicates();
  }
}
