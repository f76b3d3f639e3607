package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Struct;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.core.ToolSpec;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // mcp_context.tools is the form under test
class RequestBuilderRulesTest {
  private static final ChatMessage.User HI = ChatMessage.User.text("Hi");

  private static Request build(
      String system, List<ChatMessage> messages, List<ToolSpec> tools, ToolChoice choice) {
    return RequestBuilder.build(
        new ChatRequest("m", system, messages, tools, choice, null, false),
        RequestFixtures.options());
  }

  private static GatewayException failure(Runnable r) {
    try {
      r.run();
    } catch (GatewayException e) {
      return e;
    }
    throw new AssertionError("no GatewayException");
  }

  @Test
  void refusesAConversationEndingWithTheAssistant() {
    GatewayException e = failure(() ->
        build(null, List.of(HI, new ChatMessage.Assistant("Yo", null, null)), List.of(), null));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.param()).isEqualTo("messages");
    assertThat(e.getMessage())
        .isEqualTo("the conversation must end with a user message or tool result");
    assertThat(failure(() -> build(null, List.of(), List.of(), null)).param())
        .isEqualTo("messages");
  }

  @Test
  void pastToolCallArgumentsThatAreNotAJsonObjectTravelAsRawText() {
    List<String> raw = List.of("{not json", "[]", "null", "\"text\"", "5", "{\"path\":\"/tm");
    List<ToolCall> calls = new ArrayList<>(List.of(new ToolCall("a", "t", "{\"n\":5}")));
    for (int i = 0; i < raw.size(); i++) {
      calls.add(new ToolCall("b" + i, "t", raw.get(i)));
    }
    List<ChatMessage> chat = List.of(
        HI,
        new ChatMessage.Assistant("", null, calls),
        new ChatMessage.ToolResult("a", "x", false));
    List<Message> h =
        build(null, chat, List.of(), null).getTaskContext().getTasks(0).getMessagesList();
    List<Struct> args = h.stream()
        .filter(Message::hasToolCall)
        .map(m -> m.getToolCall().getCallMcpTool().getArgs())
        .toList();
    assertThat(args).hasSize(1 + raw.size());
    assertThat(args.get(0).getFieldsOrThrow("n").getNumberValue()).isEqualTo(5.0);
    for (int i = 0; i < raw.size(); i++) {
      assertThat(args.get(i + 1).getFieldsMap()).containsOnlyKeys("raw_arguments");
      assertThat(args.get(i + 1).getFieldsOrThrow("raw_arguments").getStringValue())
          .isEqualTo(raw.get(i));
    }
  }

  @Test
  void systemPromptOfAToolOnlyTurnRidesOnTheLastHistoryUserQuery() {
    List<ChatMessage> chat = List.of(
        HI,
        new ChatMessage.Assistant("", null, List.of(new ToolCall("a", "t", "{}"))),
        new ChatMessage.ToolResult("a", "boom", true));
    Request r = RequestBuilder.build(
        new ChatRequest("m", "Sys", chat, List.of(), null, null, false),
        RequestFixtures.options().withSystemPromptPrefix("Note."));
    Message.UserQuery first = r.getTaskContext().getTasks(0).getMessages(0).getUserQuery();
    assertThat(first.getReferencedAttachmentsOrThrow("SYSTEM_PROMPT").getPlainText())
        .isEqualTo("Note.\n\nSys");
    assertThat(r.getInput()
            .getUserInputs()
            .getInputs(0)
            .getToolCallResult()
            .getCallMcpTool()
            .getError()
            .getMessage())
        .isEqualTo("boom");
  }

  @Test
  void keepsConsecutiveUserMessagesAsSeparateInputsWithImagesInTheContext() {
    ChatMessage.User withImage = new ChatMessage.User(List.of(
        new ContentPart.Text("Look"), new ContentPart.Image("image/png", new byte[] {1, 2, 3})));
    Request r = build("S", List.of(HI, withImage), List.of(), null);
    assertThat(r.getInput().getUserInputs().getInputsList())
        .extracting(i -> i.getUserQuery().getQuery())
        .containsExactly("Hi", "Look");
    assertThat(
            r.getInput().getUserInputs().getInputs(0).getUserQuery().getReferencedAttachmentsMap())
        .isEmpty();
    assertThat(
            r.getInput().getUserInputs().getInputs(1).getUserQuery().getReferencedAttachmentsMap())
        .containsKey("SYSTEM_PROMPT");
    assertThat(r.getInput().getContext().getImages(0).getMimeType()).isEqualTo("image/png");
    assertThat(r.getInput().getContext().getImages(0).getData().toByteArray())
        .containsExactly(1, 2, 3);
  }

  @Test
  void historyKeepsReasoningTextToolCallsAndErrorResultsAsWarpMessages() {
    List<ChatMessage> chat = List.of(
        HI,
        new ChatMessage.Assistant(
            "Let me see", "thinking", List.of(new ToolCall("a", "t", "{\"n\":5}"))),
        new ChatMessage.ToolResult("a", "failed", true),
        new ChatMessage.Assistant("Sorry", null, null),
        ChatMessage.User.text("ok"));
    List<Message> h =
        build(null, chat, List.of(), null).getTaskContext().getTasks(0).getMessagesList();
    assertThat(h)
        .extracting(Message::getMessageCase)
        .containsExactly(
            Message.MessageCase.USER_QUERY,
            Message.MessageCase.AGENT_REASONING,
            Message.MessageCase.AGENT_OUTPUT,
            Message.MessageCase.TOOL_CALL,
            Message.MessageCase.TOOL_CALL_RESULT,
            Message.MessageCase.AGENT_OUTPUT);
    assertThat(h.get(1).getAgentReasoning().getReasoning()).isEqualTo("thinking");
    assertThat(h.get(4).getToolCallResult().getCallMcpTool().getError().getMessage())
        .isEqualTo("failed");
    // History tool results use Message.ToolCallResult.call_mcp_tool = 16 (tag 82 01).
    assertThat(h.get(4).toByteString().toByteArray()).containsSequence(0x82, 0x01);
    assertThat(h).extracting(Message::getId).doesNotHaveDuplicates();
  }

  @Test
  void toolChoiceNoneSendsNoToolsAndRequiredAddsAnInstruction() {
    List<ToolSpec> tools = List.of(RequestFixtures.WEATHER);
    assertThat(build(null, List.of(HI), tools, ToolChoice.NONE).hasMcpContext()).isFalse();
    Request required = build(null, List.of(HI), tools, ToolChoice.REQUIRED);
    assertThat(required
            .getInput()
            .getUserInputs()
            .getInputs(0)
            .getUserQuery()
            .getReferencedAttachmentsOrThrow("SYSTEM_PROMPT")
            .getPlainText())
        .isEqualTo(SystemPrompt.REQUIRED_INSTRUCTION);
    Request named = build("S", List.of(HI), tools, ToolChoice.tool("get_weather"));
    assertThat(named
            .getInput()
            .getUserInputs()
            .getInputs(0)
            .getUserQuery()
            .getReferencedAttachmentsOrThrow("SYSTEM_PROMPT")
            .getPlainText())
        .isEqualTo("S\n\nYou must call the tool `get_weather` in your reply.");
    assertThat(failure(() -> build(null, List.of(HI), tools, ToolChoice.tool("nope")))
            .param())
        .isEqualTo("tool_choice");
    assertThat(failure(() -> build(null, List.of(HI), List.of(), ToolChoice.REQUIRED))
            .param())
        .isEqualTo("tool_choice");
  }

  @Test
  void serversFormPutsToolsUnderOneServerAndRepeatedNamesAreRefused() {
    Request r = RequestBuilder.build(
        new ChatRequest(
            "m", null, List.of(HI), List.of(RequestFixtures.WEATHER), null, null, false),
        RequestFixtures.options().withMcpServersForm(true));
    assertThat(r.getMcpContext().getServers(0).getToolsList())
        .extracting(Request.MCPContext.MCPTool::getName)
        .containsExactly("get_weather");
    assertThatThrownBy(() -> build(
            null, List.of(HI), List.of(RequestFixtures.WEATHER, RequestFixtures.WEATHER), null))
        .isInstanceOf(GatewayException.class)
        .hasFieldOrPropertyWithValue("param", "tools[1].name");
  }

  @Test
  void largeSchemasSurviveAsStructs() {
    String schema =
        "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
            + "\"$defs\":{\"n\":{\"type\":\"integer\",\"minimum\":-9007199254740991,\"maximum\":9007199254740991}},"
            + "\"properties\":{\"a\":{\"anyOf\":[{\"$ref\":\"#/$defs/n\"},{\"type\":\"null\"}],\"default\":null},"
            + "\"b\":{\"type\":\"number\",\"multipleOf\":0.5}},\"additionalProperties\":false}";
    Request r = build(
        null, List.of(HI), List.of(new ToolSpec("big", "", RequestFixtures.json(schema))), null);
    assertThat(StructJson.toJson(r.getMcpContext().getTools(0).getInputSchema()))
        .isEqualTo(schema);
  }
}
