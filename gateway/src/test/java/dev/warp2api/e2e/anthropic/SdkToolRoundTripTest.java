package dev.warp2api.e2e.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.StackWithClient;
import dev.warp2api.testing.TestStack;
import dev.warp2api.warp.protocol.pb.Message.MessageCase;
import dev.warp2api.warp.protocol.pb.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A tool_use / tool_result round trip with the official SDK; the simulator's record shows what
 * reached Warp.
 */
class SdkToolRoundTripTest {
  private static final Tool WEATHER = Tool.builder()
      .name("get_weather")
      .description("Weather of a city")
      .inputSchema(Tool.InputSchema.builder()
          .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
          .required(List.of("city"))
          .build())
      .build();

  @AutoClose
  private final StackWithClient<AnthropicClient> e2e = AnthropicE2e.stackWithSdk();

  private final TestStack stack = e2e.stack();
  private final AnthropicClient client = e2e.client();

  @Test
  void toolUseThenToolResultReachesWarpWithDefinitionsHistoryAndResult() throws Exception {
    stack.sim.enqueue(SimReply.toolCalls(
        "Let me check.", List.of(new SimToolCall("get_weather", "{\"city\":\"Paris\"}"))));
    MessageCreateParams.Builder first = MessageCreateParams.builder()
        .model("claude-opus-4-1-20250805")
        .maxTokens(1024)
        .addTool(WEATHER)
        .addUserMessage("Weather in Paris?");
    Message asked = client.messages().create(first.build());

    assertThat(asked.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(asked.content()).hasSize(2);
    assertThat(asked.content().get(0).asText().text()).isEqualTo("Let me check.");
    ToolUseBlock use = asked.content().get(1).asToolUse();
    assertThat(use.id()).startsWith("toolu_");
    assertThat(use.name()).isEqualTo("get_weather");
    assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));

    RecordedRequest firstSeen = stack.sim.takeRequest();
    assertThat(firstSeen.request().getMcpContext().getToolsList())
        .extracting(Request.MCPContext.MCPTool::getName)
        .containsExactly("get_weather");
    assertThat(firstSeen.request().getMcpContext().getTools(0).getInputSchema().toString())
        .contains("city");
    assertThat(firstSeen.lastQuery()).isEqualTo("Weather in Paris?");

    stack.sim.enqueue(SimReply.text("It is 18°C and sunny in Paris."));
    Message answered = client
        .messages()
        .create(first
            .addMessage(asked)
            .addUserMessageOfContentBlockParams(
                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                    .toolUseId(use.id())
                    .content("18C sunny")
                    .build())))
            .build());

    assertThat(answered.stopReason()).contains(StopReason.END_TURN);
    assertThat(answered.content().get(0).asText().text())
        .isEqualTo("It is 18°C and sunny in Paris.");

    Request second = stack.sim.takeRequest().request();
    var result = second.getInput().getUserInputs().getInputs(0).getToolCallResult();
    assertThat(result.getToolCallId()).isEqualTo(use.id());
    assertThat(result.getCallMcpTool().getSuccess().getResults(0).getText().getText())
        .isEqualTo("18C sunny");
    var history = second.getTaskContext().getTasks(0).getMessagesList();
    assertThat(history)
        .extracting(dev.warp2api.warp.protocol.pb.Message::getMessageCase)
        .contains(MessageCase.USER_QUERY, MessageCase.TOOL_CALL);
    var call = history.stream()
        .filter(m -> m.getMessageCase() == MessageCase.TOOL_CALL)
        .findFirst()
        .orElseThrow();
    assertThat(call.getToolCall().getToolCallId()).isEqualTo(use.id());
    assertThat(call.getToolCall().getCallMcpTool().getName()).isEqualTo("get_weather");
    assertThat(second.getMcpContext().getToolsList()).hasSize(1);
  }
}
