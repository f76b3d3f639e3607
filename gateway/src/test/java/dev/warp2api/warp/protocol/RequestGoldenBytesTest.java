package dev.warp2api.warp.protocol;

import static dev.warp2api.warp.protocol.RequestFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Value;
import dev.warp2api.warp.protocol.pb.AgentType;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ToolType;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of three requests, and checks field by field (by re-parsing and by the wire tags
 * of the schema in gateway/src/main/proto) that they mean what docs/PROTOCOL.md says.
 */
@SuppressWarnings("deprecation") // mcp_context.tools is the form under test
class RequestGoldenBytesTest {
  static final String HELLO =
      "0a280a260a2430303030303030302d303030302d343030302d383030302d3030303030303030303030311211320f0a0d0a0b0a0548656c6c6f1a0020011a2b0a210a0f636c617564652d342d352d6f707573220e636c692d6167656e742d6175746f20014a01098801012264121e0a0a656e747279706f696e7412101a0e555345525f494e4954494154454412200a1a69735f6175746f5f726573756d655f61667465725f6572726f721202200012200a1a69735f6175746f64657465637465645f757365725f717565727912022001";
  static final String TOOL_RESULT_TURN =
      "0a86020a83020a2430303030303030302d303030302d343030302d383030302d3030303030303030303030312a610a2430303030303030302d303030302d343030302d383030302d30303030303030303030303212130a115765617468657220696e2050617269733f5a2430303030303030302d303030302d343030302d383030302d3030303030303030303030312a780a2430303030303030302d303030302d343030302d383030302d303030303030303030303033222a0a0663616c6c5f3162200a0b6765745f7765617468657212110a0f0a046369747912071a0550617269735a2430303030303030302d303030302d343030302d383030302d3030303030303030303030311221321f0a1d121b0a0663616c6c5f3162110a0f0a0d0a0b0a093138432073756e6e791a2d0a230a11636c617564652d342d352d736f6e6e6574220e636c692d6167656e742d6175746f20014a0109880101228a010a2436363636363636362d363636362d343636362d383636362d363636363636363636363636121e0a0a656e747279706f696e7412101a0e555345525f494e4954494154454412200a1a69735f6175746f5f726573756d655f61667465725f6572726f721202200012200a1a69735f6175746f64657465637465645f757365725f7175657279120220013284011281010a0b6765745f776561746865721216476574207765617468657220666f72206120636974791a5a0a100a047479706512081a066f626a6563740a2e0a0a70726f7065727469657312202a1e0a1c0a046369747912142a120a100a047479706512081a06737472696e670a160a087265717569726564120a32080a061a0463697479";
  static final String SYSTEM_AND_TWO_TOOLS =
      "0a280a260a2430303030303030302d303030302d343030302d383030302d303030303030303030303031123a32380a360a340a10576861742074696d652069732069743f121c0a0d53595354454d5f50524f4d5054120b0a0942652062726965662e1a0020011a200a160a046175746f220e636c692d6167656e742d6175746f20014a01098801012264121e0a0a656e747279706f696e7412101a0e555345525f494e4954494154454412200a1a69735f6175746f5f726573756d655f61667465725f6572726f721202200012200a1a69735f6175746f64657465637465645f757365725f71756572791202200132c4011281010a0b6765745f776561746865721216476574207765617468657220666f72206120636974791a5a0a100a047479706512081a066f626a6563740a2e0a0a70726f7065727469657312202a1e0a1c0a046369747912142a120a100a047479706512081a06737472696e670a160a087265717569726564120a32080a061a0463697479123e0a086765745f74696d65120c43757272656e742074696d651a240a100a047479706512081a066f626a6563740a100a0a70726f7065727469657312022a00";

  private static String hex(Request r) {
    return HexFormat.of().formatHex(r.toByteArray());
  }

  @Test
  void helloTurnHasTheDocumentedFieldPaths() throws Exception {
    Request r = RequestBuilder.build(RequestFixtures.hello(), RequestFixtures.options());
    assertThat(hex(r)).isEqualTo(HELLO);
    Request p = Request.parseFrom(HexFormat.of().parseHex(HELLO));
    assertThat(p.getTaskContext().getTasksCount()).isEqualTo(1);
    assertThat(p.getTaskContext().getTasks(0).getId()).isEqualTo(id(1));
    assertThat(p.getTaskContext().getTasks(0).getMessagesCount()).isZero();
    Request.Input.UserQuery q = p.getInput().getUserInputs().getInputs(0).getUserQuery();
    assertThat(q.getQuery()).isEqualTo("Hello");
    assertThat(q.hasMode()).isTrue();
    assertThat(q.getIntendedAgent()).isEqualTo(AgentType.AGENT_TYPE_PRIMARY);
    assertThat(q.getReferencedAttachmentsMap()).isEmpty();
    assertThat(p.getInput().hasContext()).isFalse();
    assertThat(p.getSettings().getModelConfig().getBase()).isEqualTo("claude-4-5-opus");
    assertThat(p.getSettings().getModelConfig().getCliAgent()).isEqualTo("cli-agent-auto");
    assertThat(p.getSettings().getSupportsParallelToolCalls()).isTrue();
    assertThat(p.getSettings().getSupportsReasoningMessage()).isTrue();
    assertThat(p.getSettings().getSupportedToolsList()).containsExactly(ToolType.CALL_MCP_TOOL);
    assertThat(p.getMetadata().getConversationId()).isEmpty();
    assertThat(p.getMetadata().getLoggingMap())
        .containsOnly(
            entry(
                "entrypoint",
                Value.newBuilder().setStringValue("USER_INITIATED").build()),
            entry(
                "is_auto_resume_after_error",
                Value.newBuilder().setBoolValue(false).build()),
            entry(
                "is_autodetected_user_query",
                Value.newBuilder().setBoolValue(true).build()));
    assertThat(p.hasMcpContext()).isFalse();
    // Wire tags: user_query "Hello" then mode (3, empty: 1a 00) and intended_agent (4 = 1: 20 01).
    assertThat(HELLO).contains("0a0548656c6c6f" + "1a00" + "2001");
    // supported_tools packed [9] (4a 01 09), supports_reasoning_message field 17 true (88 01 01).
    assertThat(HELLO).contains("4a0109" + "880101");
    // model_config.cli_agent is field 4 (tag 22).
    assertThat(HELLO).contains("220e" + HexFormat.of().formatHex("cli-agent-auto".getBytes()));
  }

  @Test
  void toolResultTurnCarriesHistoryAndTheResultAsInput() throws Exception {
    Request r = RequestBuilder.build(
        RequestFixtures.toolResultTurn(),
        RequestFixtures.options().withConversationId("66666666-6666-4666-8666-666666666666"));
    assertThat(hex(r)).isEqualTo(TOOL_RESULT_TURN);
    Request p = Request.parseFrom(HexFormat.of().parseHex(TOOL_RESULT_TURN));
    var messages = p.getTaskContext().getTasks(0).getMessagesList();
    assertThat(messages).hasSize(2).allMatch(m -> m.getTaskId().equals(id(1)));
    assertThat(messages.get(0).getId()).isEqualTo(id(2));
    assertThat(messages.get(0).getUserQuery().getQuery()).isEqualTo("Weather in Paris?");
    Message.ToolCall call = messages.get(1).getToolCall();
    assertThat(call.getToolCallId()).isEqualTo("call_1");
    assertThat(call.getCallMcpTool().getName()).isEqualTo("get_weather");
    assertThat(StructJson.toJson(call.getCallMcpTool().getArgs()))
        .isEqualTo("{\"city\":\"Paris\"}");
    Request.Input.ToolCallResult result =
        p.getInput().getUserInputs().getInputs(0).getToolCallResult();
    assertThat(result.getToolCallId()).isEqualTo("call_1");
    assertThat(result.getCallMcpTool().getSuccess().getResults(0).getText().getText())
        .isEqualTo("18C sunny");
    assertThat(p.getMetadata().getConversationId())
        .isEqualTo("66666666-6666-4666-8666-666666666666");
    assertThat(StructJson.toJson(p.getMcpContext().getTools(0).getInputSchema()))
        .isEqualTo(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
    // As in vector R2 (docs/PROTOCOL.md, 'Test vectors'): history tool call is Message.tool_call
    // (22) ->
    // call_mcp_tool (62); the current result is UserInput.tool_call_result (12) ->
    // Input.ToolCallResult.call_mcp_tool (62).
    assertThat(TOOL_RESULT_TURN).contains("222a0a0663616c6c5f316220");
    assertThat(TOOL_RESULT_TURN).contains("121b0a0663616c6c5f316211");
    // No active_task_id (TaskContext field 2, tag 12) and no preamble server tool call.
    assertThat(p.getTaskContext().getUnknownFields().asMap()).isEmpty();
    assertThat(messages).noneMatch(m -> m.getToolCall().hasServer());
  }

  @Test
  void systemPromptAndTwoToolsTravelAsAttachmentAndMcpTools() throws Exception {
    Request r =
        RequestBuilder.build(RequestFixtures.systemAndTwoTools(), RequestFixtures.options());
    assertThat(hex(r)).isEqualTo(SYSTEM_AND_TWO_TOOLS);
    Request p = Request.parseFrom(HexFormat.of().parseHex(SYSTEM_AND_TWO_TOOLS));
    Request.Input.UserQuery q = p.getInput().getUserInputs().getInputs(0).getUserQuery();
    assertThat(q.getQuery()).isEqualTo("What time is it?");
    assertThat(q.getReferencedAttachmentsMap()).containsOnlyKeys("SYSTEM_PROMPT");
    assertThat(q.getReferencedAttachmentsOrThrow("SYSTEM_PROMPT").getPlainText())
        .isEqualTo("Be brief.");
    assertThat(p.getMcpContext().getToolsList())
        .extracting(Request.MCPContext.MCPTool::getName)
        .containsExactly("get_weather", "get_time");
    assertThat(p.getMcpContext().getTools(1).getDescription()).isEqualTo("Current time");
    // A schema without a type gets type object at the root, and keeps the rest.
    assertThat(StructJson.toJson(p.getMcpContext().getTools(1).getInputSchema()))
        .isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    // referenced_attachments is UserQuery field 2 (tag 12), a map entry with key SYSTEM_PROMPT and
    // Attachment.plain_text (0a); mcp_context is Request field 6 (32), tools field 2 (12).
    assertThat(SYSTEM_AND_TWO_TOOLS)
        .contains("121c0a0d53595354454d5f50524f4d5054120b0a0942652062726965662e");
    assertThat(SYSTEM_AND_TWO_TOOLS).contains("32c4011281010a0b6765745f77656174686572");
  }

  private static <K, V> Map.Entry<K, V> entry(K k, V v) {
    return Map.entry(k, v);
  }
}
