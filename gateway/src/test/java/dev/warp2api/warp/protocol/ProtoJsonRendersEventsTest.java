package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.warp2api.warp.protocol.pb.InputContext;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.UploadFileArtifactResult;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@link ProtoJson#toJson} follows the bridge's rendering (docs/PROTOCOL.md, 'Bridge JSON'). */
class ProtoJsonRendersEventsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static String render(String payload) throws Exception {
    return ProtoJson.toJson(ResponseEvent.parseFrom(Base64.getUrlDecoder().decode(payload)))
        .toString();
  }

  @Test
  void finishedPutsOneofMembersUnderTheParentAndEmptyDoneAsObject() throws Exception {
    assertThat(render(ResponseVectorsTest.E5))
        .isEqualTo(
            "{\"finished\":{\"done\":{},\"token_usage\":[{\"model_id\":\"claude-4-sonnet\",\"total_input\":1200,\"output\":35}]}}");
  }

  @Test
  void initUsesSnakeCaseNames() throws Exception {
    assertThat(render(ResponseVectorsTest.E1))
        .isEqualTo(
            "{\"init\":{\"conversation_id\":"
                + "\"66666666-6666-4666-8666-666666666666\",\"request_id\":\"77777777-7777-4777-8777-777777777777\"}}");
  }

  @Test
  void fieldMaskIsOneLowerCamelCaseString() throws Exception {
    var json = JSON.readTree(render(ResponseVectorsTest.E3));
    var append = json.at("/client_actions/actions/0/append_to_message_content");
    assertThat(append.get("mask").textValue()).isEqualTo("agentOutput.text");
    assertThat(append.at("/message/agent_output/text").textValue()).isEqualTo("Hello");
    assertThat(append.get("task_id").textValue()).isEqualTo(ResponseVectorsTest.T);
  }

  @Test
  void presentEmptyAgentOutputRendersAsEmptyObject() throws Exception {
    var json = JSON.readTree(render(ResponseVectorsTest.E2));
    assertThat(json.at("/client_actions/actions/0/add_messages_to_task/messages/0/agent_output")
            .toString())
        .isEqualTo("{}");
  }

  @Test
  void structArgsArePlainJsonWithFloatNumbers() throws Exception {
    var json = JSON.readTree(render(ResponseVectorsTest.E4));
    assertThat(json.at(
                "/client_actions/actions/0/add_messages_to_task/messages/0/tool_call/call_mcp_tool/args")
            .toString())
        .isEqualTo("{\"city\":\"Paris\"}");
    var withNumber = ProtoJson.fromJson(
            JSON.readTree("{\"args\":{\"n\":5}}"),
            Message.ToolCall.CallMCPTool.getDefaultInstance())
        .message();
    assertThat(ProtoJson.toJson(withNumber).toString()).isEqualTo("{\"args\":{\"n\":5.0}}");
  }

  @Test
  void int64AsStringBytesAsStandardBase64TimestampAsRfc3339() {
    var success = UploadFileArtifactResult.Success.newBuilder()
        .setArtifactUid("a")
        .setSizeBytes(42L)
        .build();
    assertThat(ProtoJson.toJson(success).toString())
        .isEqualTo("{\"artifact_uid\":\"a\",\"size_bytes\":\"42\"}");
    var image = InputContext.Image.newBuilder()
        .setData(ByteString.copyFrom(new byte[] {(byte) 0xfb, (byte) 0xff}))
        .build();
    assertThat(ProtoJson.toJson(image).get("data").textValue()).isEqualTo("+/8=");
    var context = InputContext.newBuilder()
        .setCurrentTime(Timestamp.newBuilder().setSeconds(1_768_378_500L))
        .build();
    assertThat(ProtoJson.toJson(context).get("current_time").textValue())
        .isEqualTo("2026-01-14T08:15:00Z");
  }

  @Test
  void enumsByNameAndUnknownNumbersAsNumbers() {
    var settings = Request.Settings.newBuilder()
        .addSupportedToolsValue(9)
        .addSupportedToolsValue(99)
        .build();
    assertThat(ProtoJson.toJson(settings).toString())
        .isEqualTo("{\"supported_tools\":[\"CALL_MCP_TOOL\",99]}");
  }

  @Test
  void renderedJsonReadsBackToTheSameMessage() throws Exception {
    var r2 = Request.parseFrom(RequestVectorR2Test.bytes());
    var back = ProtoJson.fromJson(ProtoJson.toJson(r2), Request.getDefaultInstance());
    assertThat(back.warnings()).isEmpty();
    assertThat(back.message()).isEqualTo(r2);
    var finished = FinishedEvent2026Test.finished();
    assertThat(ProtoJson.fromJson(ProtoJson.toJson(finished), ResponseEvent.getDefaultInstance())
            .message())
        .isEqualTo(finished);
  }
}
