package dev.warp2api.e2e.responses;

import static dev.warp2api.e2e.responses.ResponsesE2e.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.Reasoning;
import com.openai.models.responses.CustomTool;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.NamespaceTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseCustomToolCall;
import com.openai.models.responses.ResponseCustomToolCallOutput;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputitems.InputItemListParams;
import com.openai.models.responses.inputtokens.InputTokenCountParams;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.TestStack;
import dev.warp2api.warp.protocol.pb.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK's Responses API against the gateway and the simulator. */
class SdkResponsesTest {
  private final TestStack stack = ResponsesE2e.start();
  private final OpenAIClient client = ResponsesE2e.sdk(stack, "key-one");

  @AfterEach
  void close() {
    client.close();
    stack.close();
  }

  private static FunctionTool weatherTool() {
    return FunctionTool.builder()
        .name("get_weather")
        .description("Current weather of a city")
        .strict(false)
        .parameters(FunctionTool.Parameters.builder()
            .putAdditionalProperty("type", JsonValue.from("object"))
            .putAdditionalProperty(
                "properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
            .putAdditionalProperty("required", JsonValue.from(List.of("city")))
            .build())
        .build();
  }

  private Response streamed(ResponseCreateParams params) {
    ResponseAccumulator acc = ResponseAccumulator.create();
    try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(params)) {
      s.stream().forEach(acc::accumulate);
    }
    return acc.response();
  }

  private static String text(Response r) {
    StringBuilder sb = new StringBuilder();
    r.output().stream()
        .filter(ResponseOutputItem::isMessage)
        .forEach(
            m -> m.asMessage().content().forEach(c -> sb.append(c.asOutputText().text())));
    return sb.toString();
  }

  @Test
  void textReplyComesBackNonStreamedAndStreamedWithFullUsage() throws Exception {
    stack.sim.enqueue(SimReply.text("Hello there."));
    Response whole = client
        .responses()
        .create(ResponseCreateParams.builder().model(MODEL).input("Hi").build());
    assertThat(whole.status()).contains(ResponseStatus.COMPLETED);
    assertThat(text(whole)).isEqualTo("Hello there.");
    assertThat(whole.id()).startsWith("resp_");
    var usage = whole.usage().orElseThrow();
    assertThat(usage.inputTokens()).isPositive();
    assertThat(usage.outputTokens()).isPositive();
    assertThat(usage.inputTokensDetails().cachedTokens()).isZero();
    assertThat(usage.outputTokensDetails().reasoningTokens()).isZero();
    assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());

    stack.sim.enqueue(SimReply.text("Streamed hello.").inDeltas(4));
    Response streamed =
        streamed(ResponseCreateParams.builder().model(MODEL).input("Hi again").build());
    assertThat(streamed.status()).contains(ResponseStatus.COMPLETED);
    assertThat(text(streamed)).isEqualTo("Streamed hello.");
    assertThat(streamed.usage()).isPresent();
  }

  @Test
  void reasoningComesBackAsASummaryItemBeforeTheMessageWhenAskedFor() throws Exception {
    stack.sim.enqueue(SimReply.reasoning("Think of a greeting.", "Hello!"));
    Response r = streamed(ResponseCreateParams.builder()
        .model(MODEL)
        .input("Hi")
        .reasoning(Reasoning.builder().summary(Reasoning.Summary.AUTO).build())
        .build());
    assertThat(r.output()).hasSize(2);
    assertThat(r.output().get(0).asReasoning().summary())
        .singleElement()
        .satisfies(s -> assertThat(s.text()).isEqualTo("Think of a greeting."));
    assertThat(text(r)).isEqualTo("Hello!");
    assertThat(r.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isPositive();

    stack.sim.enqueue(SimReply.reasoning("Hidden.", "Plain."));
    Response plain = client
        .responses()
        .create(ResponseCreateParams.builder().model(MODEL).input("Hi").build());
    assertThat(plain.output())
        .singleElement()
        .satisfies(o -> assertThat(o.isMessage()).isTrue());
  }

  @Test
  void functionToolRoundTripSendsTheCallAndItsOutputBackToWarp() throws Exception {
    stack.sim.enqueue(
        SimReply.toolCalls(List.of(new SimToolCall("get_weather", "{\"city\":\"Paris\"}"))));
    List<ResponseInputItem> input = new ArrayList<>();
    input.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
        .role(EasyInputMessage.Role.USER)
        .content("Weather in Paris?")
        .build()));
    Response first = streamed(ResponseCreateParams.builder()
        .model(MODEL)
        .inputOfResponse(input)
        .addTool(weatherTool())
        .store(false)
        .build());
    ResponseFunctionToolCall call = first.output().stream()
        .filter(ResponseOutputItem::isFunctionCall)
        .findFirst()
        .orElseThrow()
        .asFunctionCall();
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(ResponsesE2e.parse(call.arguments()))
        .isEqualTo(ResponsesE2e.parse("{\"city\":\"Paris\"}"));
    assertThat(call.namespace()).isEmpty();
    stack.sim.takeRequest();

    stack.sim.enqueue(SimReply.text("Sunny in Paris."));
    input.add(ResponseInputItem.ofFunctionCall(call));
    input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
        .callId(call.callId())
        .output("sunny, 21C")
        .build()));
    Response second = client
        .responses()
        .create(ResponseCreateParams.builder()
            .model(MODEL)
            .inputOfResponse(input)
            .addTool(weatherTool())
            .store(false)
            .build());
    assertThat(text(second)).isEqualTo("Sunny in Paris.");

    RecordedRequest seen = stack.sim.takeRequest();
    List<Message> history = seen.request().getTaskContext().getTasks(0).getMessagesList();
    assertThat(history).filteredOn(Message::hasToolCall).singleElement().satisfies(m -> {
      assertThat(m.getToolCall().getToolCallId()).isEqualTo(call.callId());
      assertThat(m.getToolCall().getCallMcpTool().getName()).isEqualTo("get_weather");
    });
    assertThat(seen.request().getInput().getUserInputs().getInputsList())
        .singleElement()
        .satisfies(in -> assertThat(in.getToolCallResult()
                .getCallMcpTool()
                .getSuccess()
                .getResults(0)
                .getText()
                .getText())
            .isEqualTo("sunny, 21C"));
  }

  @Test
  void aCallOfANamespacedFunctionComesBackWithNameAndNamespace() throws Exception {
    NamespaceTool agents = NamespaceTool.builder()
        .name("multi_agent_v1")
        .description("Sub-agents")
        .addTool(NamespaceTool.Tool.Function.builder()
            .name("spawn_agent")
            .putAdditionalProperty("description", JsonValue.from("Start a sub-agent"))
            .putAdditionalProperty(
                "parameters",
                JsonValue.from(Map.of(
                    "type", "object", "properties", Map.of("task", Map.of("type", "string")))))
            .build())
        .build();
    stack.sim.enqueue(SimReply.toolCalls(
        List.of(new SimToolCall("multi_agent_v1__spawn_agent", "{\"task\":\"x\"}"))));
    Response r = streamed(ResponseCreateParams.builder()
        .model(MODEL)
        .input("Delegate")
        .addTool(agents)
        .build());
    ResponseFunctionToolCall call = r.output().stream()
        .filter(ResponseOutputItem::isFunctionCall)
        .findFirst()
        .orElseThrow()
        .asFunctionCall();
    assertThat(call.name()).isEqualTo("spawn_agent");
    assertThat(call.namespace()).contains("multi_agent_v1");
    RecordedRequest seen = stack.sim.takeRequest();
    assertThat(seen.request().getMcpContext().getToolsList())
        .extracting(t -> t.getName())
        .containsExactly("multi_agent_v1__spawn_agent");
  }

  @Test
  void aCustomToolCallComesBackWithItsFreeFormInputAndItsOutputReachesWarp() throws Exception {
    CustomTool patch =
        CustomTool.builder().name("apply_patch").description("Apply a patch").build();
    stack.sim.enqueue(SimReply.toolCalls(
        List.of(new SimToolCall("apply_patch", "{\"input\":\"*** Begin Patch\"}"))));
    Response r = streamed(ResponseCreateParams.builder()
        .model(MODEL)
        .input("Patch it")
        .addTool(patch)
        .build());
    ResponseCustomToolCall call = r.output().stream()
        .filter(ResponseOutputItem::isCustomToolCall)
        .findFirst()
        .orElseThrow()
        .asCustomToolCall();
    assertThat(call.name()).isEqualTo("apply_patch");
    assertThat(call.input()).isEqualTo("*** Begin Patch");
    stack.sim.takeRequest();

    stack.sim.enqueue(SimReply.text("Patched."));
    Response next = client
        .responses()
        .create(ResponseCreateParams.builder()
            .model(MODEL)
            .previousResponseId(r.id())
            .inputOfResponse(List.of(
                ResponseInputItem.ofCustomToolCallOutput(ResponseCustomToolCallOutput.builder()
                    .callId(call.callId())
                    .output("Done!")
                    .build())))
            .addTool(patch)
            .build());
    assertThat(text(next)).isEqualTo("Patched.");
    RecordedRequest seen = stack.sim.takeRequest();
    assertThat(seen.request().getTaskContext().getTasks(0).getMessagesList())
        .filteredOn(Message::hasToolCall)
        .singleElement()
        .satisfies(m -> assertThat(m.getToolCall()
                .getCallMcpTool()
                .getArgs()
                .getFieldsOrThrow("input")
                .getStringValue())
            .isEqualTo("*** Begin Patch"));
  }

  @Test
  void previousResponseIdContinuesAStoredResponseThatCanBeReadListedAndDeleted() throws Exception {
    stack.sim.enqueue(SimReply.text("I am Warp."));
    Response first = client
        .responses()
        .create(ResponseCreateParams.builder()
            .model(MODEL)
            .instructions("Be brief.")
            .input("Who are you?")
            .build());
    stack.sim.takeRequest();

    stack.sim.enqueue(SimReply.text("You asked who I am."));
    Response second = streamed(ResponseCreateParams.builder()
        .model(MODEL)
        .previousResponseId(first.id())
        .input("What did I ask?")
        .build());
    assertThat(second.previousResponseId()).contains(first.id());
    RecordedRequest seen = stack.sim.takeRequest();
    List<Message> history = seen.request().getTaskContext().getTasks(0).getMessagesList();
    assertThat(history)
        .anySatisfy(m -> assertThat(m.getUserQuery().getQuery()).isEqualTo("Who are you?"));
    assertThat(history)
        .anySatisfy(m -> assertThat(m.getAgentOutput().getText()).isEqualTo("I am Warp."));
    assertThat(seen.request().toString()).doesNotContain("Be brief.");

    Response read = client.responses().retrieve(second.id());
    assertThat(read.id()).isEqualTo(second.id());
    assertThat(text(read)).isEqualTo("You asked who I am.");
    var items = client
        .responses()
        .inputItems()
        .list(InputItemListParams.builder().responseId(second.id()).build());
    assertThat(items.data())
        .singleElement()
        .satisfies(i -> assertThat(
                i.asResponseInputMessageItem().content().get(0).asInputText().text())
            .isEqualTo("What did I ask?"));

    client.responses().delete(second.id());
    assertThatThrownBy(() -> client.responses().retrieve(second.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client
            .responses()
            .create(ResponseCreateParams.builder()
                .model(MODEL)
                .previousResponseId(second.id())
                .input("Again?")
                .build()))
        .isInstanceOf(BadRequestException.class)
        .satisfies(
            e -> assertThat(((BadRequestException) e).param()).contains("previous_response_id"));
  }

  @Test
  void storeFalseIsNeverKeptAndAnotherKeyCannotSeeAStoredResponse() throws Exception {
    stack.sim.enqueue(SimReply.text("Not kept."));
    Response unkept = client
        .responses()
        .create(
            ResponseCreateParams.builder().model(MODEL).input("Hi").store(false).build());
    assertThatThrownBy(() -> client.responses().retrieve(unkept.id()))
        .isInstanceOf(NotFoundException.class);

    stack.sim.enqueue(SimReply.text("Kept."));
    Response kept = client
        .responses()
        .create(ResponseCreateParams.builder().model(MODEL).input("Hi").build());
    OpenAIClient other = ResponsesE2e.sdk(stack, "key-two");
    try {
      assertThatThrownBy(() -> other.responses().retrieve(kept.id()))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> other.responses().delete(kept.id()))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> other
              .responses()
              .create(ResponseCreateParams.builder()
                  .model(MODEL)
                  .previousResponseId(kept.id())
                  .input("Continue")
                  .build()))
          .isInstanceOf(BadRequestException.class);
    } finally {
      other.close();
    }
    assertThat(client.responses().retrieve(kept.id()).id()).isEqualTo(kept.id());
  }

  @Test
  void inputTokensCountsTheRequestAsTheOtherRoutesEstimate() throws Exception {
    var counted = client
        .responses()
        .inputTokens()
        .count(InputTokenCountParams.builder()
            .model(MODEL)
            .input("How many tokens is this?")
            .build());
    assertThat(counted.inputTokens()).isPositive();
    assertThat(stack.sim.requests()).isEmpty();
  }
}
