package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ToolType;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Golden vector R2 (docs/PROTOCOL.md, 'Test vectors'): a tool-result turn with history and one MCP
 * tool.
 */
class RequestVectorR2Test {
  static final String R2_BASE64 =
      "Cq8DCoYDCiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTEqgAEKJDIyMjIyMjIyLTIyMjItNDIyMi04MjIy"
          + "LTIyMjIyMjIyMjIyMiIyCiQzMzMzMzMzMy0zMzMzLTQzMzMtODMzMy0zMzMzMzMzMzMzMzMiCgoISWdJUUFRPT1aJDExMTEx"
          + "MTExLTExMTEtNDExMS04MTExLTExMTExMTExMTExMSphCiQ0NDQ0NDQ0NC00NDQ0LTQ0NDQtODQ0NC00NDQ0NDQ0NDQ0NDQS"
          + "EwoRV2VhdGhlciBpbiBQYXJpcz9aJDExMTExMTExLTExMTEtNDExMS04MTExLTExMTExMTExMTExMSp4CiQ1NTU1NTU1NS01"
          + "NTU1LTQ1NTUtODU1NS01NTU1NTU1NTU1NTUiKgoGY2FsbF8xYiAKC2dldF93ZWF0aGVyEhEKDwoEY2l0eRIHGgVQYXJpc1ok"
          + "MTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTExEiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTEx"
          + "MTESITIfCh0SGwoGY2FsbF8xYhEKDwoNCgsKCTE4QyBzdW5ueRo0Ci8KD2NsYXVkZS00LXNvbm5ldBIWZ3B0LTUgKGhpZ2gg"
          + "cmVhc29uaW5nKRoEYXV0b0oBCSJoCiQ2NjY2NjY2Ni02NjY2LTQ2NjYtODY2Ni02NjY2NjY2NjY2NjYSHgoKZW50cnlwb2lu"
          + "dBIQGg5VU0VSX0lOSVRJQVRFRBIgChppc19hdXRvZGV0ZWN0ZWRfdXNlcl9xdWVyeRICIAEy3AES2QEKC2dldF93ZWF0aGVy"
          + "EhZHZXQgd2VhdGhlciBmb3IgYSBjaXR5GrEBCjQKByRzY2hlbWESKRonaHR0cDovL2pzb24tc2NoZW1hLm9yZy9kcmFmdC0w"
          + "Ny9zY2hlbWEjChAKBHR5cGUSCBoGb2JqZWN0ChYKCHJlcXVpcmVkEgoyCAoGGgRjaXR5Ck8KCnByb3BlcnRpZXMSQSo/Cj0K"
          + "BGNpdHkSNSozChAKBHR5cGUSCBoGc3RyaW5nCh8KC2Rlc2NyaXB0aW9uEhAaDmNpdHkgcGFyYW1ldGVy";
  static final String T = "11111111-1111-4111-8111-111111111111";

  static byte[] bytes() {
    return Base64.getDecoder().decode(R2_BASE64);
  }

  static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  @Test
  void vectorIsThe852DocumentedBytes() {
    assertThat(bytes()).hasSize(852);
  }

  @Test
  void decodesHistoryWithPreambleUserQueryAndMcpToolCall() throws Exception {
    var task = Request.parseFrom(bytes()).getTaskContext().getTasks(0);
    assertThat(task.getId()).isEqualTo(T);
    assertThat(task.getMessagesList()).extracting(Message::getTaskId).containsOnly(T);
    assertThat(task.getMessagesList())
        .extracting(Message::getMessageCase)
        .containsExactly(
            Message.MessageCase.TOOL_CALL,
            Message.MessageCase.USER_QUERY,
            Message.MessageCase.TOOL_CALL);
    assertThat(task.getMessages(0).getToolCall().getServer().getPayload()).isEqualTo("IgIQAQ==");
    assertThat(task.getMessages(1).getId()).isEqualTo("44444444-4444-4444-8444-444444444444");
    assertThat(task.getMessages(1).getUserQuery().getQuery()).isEqualTo("Weather in Paris?");

    var call = task.getMessages(2);
    assertThat(call.getId()).isEqualTo("55555555-5555-4555-8555-555555555555");
    assertThat(call.getToolCall().getToolCallId()).isEqualTo("call_1");
    assertThat(call.getToolCall().getToolCase()).isEqualTo(Message.ToolCall.ToolCase.CALL_MCP_TOOL);
    assertThat(call.getToolCall().getCallMcpTool().getName()).isEqualTo("get_weather");
    assertThat(call.getToolCall().getCallMcpTool().getArgs())
        .isEqualTo(Struct.newBuilder().putFields("city", str("Paris")).build());
  }

  @Test
  void decodesCurrentToolResultUnderInputCallMcpToolField12() throws Exception {
    var input = Request.parseFrom(bytes()).getInput().getUserInputs().getInputs(0);
    var result = input.getToolCallResult();
    assertThat(result.getToolCallId()).isEqualTo("call_1");
    assertThat(result.getResultCase())
        .isEqualTo(Request.Input.ToolCallResult.ResultCase.CALL_MCP_TOOL);
    assertThat(Request.Input.ToolCallResult.CALL_MCP_TOOL_FIELD_NUMBER).isEqualTo(12);
    var results = result.getCallMcpTool().getSuccess().getResultsList();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).getText().getText()).isEqualTo("18C sunny");
  }

  @Test
  void decodesSettingsMetadataAndMcpToolSchema() throws Exception {
    var request = Request.parseFrom(bytes());
    assertThat(request.getSettings().getModelConfig().getBase()).isEqualTo("claude-4-sonnet");
    assertThat(request.getSettings().getSupportedToolsList())
        .containsExactly(ToolType.CALL_MCP_TOOL);
    assertThat(request.getMetadata().getConversationId())
        .isEqualTo("66666666-6666-4666-8666-666666666666");
    assertThat(request.getMetadata().getLoggingMap())
        .containsEntry("entrypoint", str("USER_INITIATED"));

    @SuppressWarnings("deprecation")
    var tools = request.getMcpContext().getToolsList();
    assertThat(tools).hasSize(1);
    assertThat(tools.get(0).getName()).isEqualTo("get_weather");
    assertThat(tools.get(0).getDescription()).isEqualTo("Get weather for a city");
    var city = Struct.newBuilder()
        .putFields("type", str("string"))
        .putFields("description", str("city parameter"));
    var schema = Struct.newBuilder()
        .putFields("$schema", str("http://json-schema.org/draft-07/schema#"))
        .putFields("type", str("object"))
        .putFields(
            "required",
            Value.newBuilder()
                .setListValue(ListValue.newBuilder().addValues(str("city")))
                .build())
        .putFields(
            "properties",
            Value.newBuilder()
                .setStructValue(Struct.newBuilder()
                    .putFields("city", Value.newBuilder().setStructValue(city).build()))
                .build())
        .build();
    assertThat(tools.get(0).getInputSchema()).isEqualTo(schema);
  }

  @Test
  void leavesNoUnknownFieldsAnywhere() throws Exception {
    assertThat(UnknownFields.paths(Request.parseFrom(bytes()))).isEmpty();
  }

  @Test
  void survivesReserialisation() throws Exception {
    var parsed = Request.parseFrom(bytes());
    byte[] again = parsed.toByteArray();
    assertThat(again).hasSize(852);
    assertThat(Request.parseFrom(again)).isEqualTo(parsed);
  }
}
