package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.InputContext;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.TaskStatus;
import dev.warp2api.warp.protocol.pb.ToolType;
import dev.warp2api.warp.protocol.pb.UploadFileArtifactResult;
import org.junit.jupiter.api.Test;

/** {@link ProtoJson#fromJson} on what bridge clients send (docs/PROTOCOL.md, 'Bridge JSON'). */
class ProtoJsonReadsBridgePacketsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String T = "11111111-1111-4111-8111-111111111111";

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void encodesTheR1PacketToTheGoldenBytes() throws Exception {
    var packet = json("""
        {'task_context': {'tasks': [{'id': 'T', 'messages': [{'id': '22222222-2222-4222-8222-222222222222',
            'task_id': 'T', 'tool_call': {'tool_call_id': '33333333-3333-4333-8333-333333333333',
            'server': {'payload': 'IgIQAQ=='}}}]}], 'active_task_id': 'T'},
         'input': {'user_inputs': {'inputs': [{'user_query': {'query': 'Hello'}}]}},
         'settings': {'model_config': {'base': 'claude-4-sonnet', 'planning': 'gpt-5 (high reasoning)',
            'coding': 'auto'}, 'supported_tools': ['CALL_MCP_TOOL']},
         'metadata': {'logging': {'entrypoint': 'USER_INITIATED', 'is_autodetected_user_query': true}}}
        """.replace("'T'", "'" + T + "'"));
    var parsed = ProtoJson.fromJson(packet, Request.getDefaultInstance());
    assertThat(parsed.warnings()).isEmpty();
    assertThat(parsed.message().toByteArray()).isEqualTo(RequestVectorR1Test.bytes());
  }

  @Test
  void acceptsCamelCaseNamesAndEnumsByNameOrNumberIncludingUnknownNumbers() throws Exception {
    var settings =
        ProtoJson.fromJson(json("""
        {'modelConfig': {'base': 'auto', 'cli_agent': 'cli-agent-auto'},
         'supported_tools': ['GREP', 9, 99], 'autonomyLevel': 1}"""), Request.Settings.getDefaultInstance()).message();
    assertThat(settings.getModelConfig().getCliAgent()).isEqualTo("cli-agent-auto");
    assertThat(settings.getSupportedToolsValueList()).containsExactly(6, 9, 99);
    assertThat(settings.getSupportedTools(1)).isEqualTo(ToolType.CALL_MCP_TOOL);
    assertThat(settings.getSupportedTools(2)).isEqualTo(ToolType.UNRECOGNIZED);
    assertThat(settings.getAutonomyLevelValue()).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("deprecation")
  void emptyObjectsSetPresenceOfMarkerMessages() throws Exception {
    var event = ProtoJson.fromJson(
            json("{'finished': {'done': {}}}"), ResponseEvent.getDefaultInstance())
        .message();
    assertThat(event.hasFinished()).isTrue();
    assertThat(event.getFinished().hasDone()).isTrue();
    assertThat(event.toByteArray()).containsExactly(0x1a, 0x02, 0x12, 0x00);

    var status = ProtoJson.fromJson(json("{'in_progress': {}}"), TaskStatus.getDefaultInstance())
        .message();
    assertThat(status.hasInProgress()).isTrue();
    var message = ProtoJson.fromJson(json("{'agent_output': {}}"), Message.getDefaultInstance())
        .message();
    assertThat(message.getMessageCase()).isEqualTo(Message.MessageCase.AGENT_OUTPUT);
  }

  @Test
  void readsBytesFromStandardAndUrlSafeBase64WithOrWithoutPadding() throws Exception {
    byte[] raw = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe, 0x01};
    for (String encoded : new String[] {"+//+AQ==", "-__-AQ==", "-__-AQ", "+//+AQ"}) {
      var image = ProtoJson.fromJson(
              json("{'data': '" + encoded + "', 'mime_type': 'image/png'}"),
              InputContext.Image.getDefaultInstance())
          .message();
      assertThat(image.getData().toByteArray()).as(encoded).containsExactly(raw);
    }
  }

  @Test
  void readsStructsTimestampsDurationsFieldMasksAndInt64Strings() throws Exception {
    var call =
        ProtoJson.fromJson(json("""
        {'tool_call_id': 'c1', 'call_mcp_tool': {'name': 'f',
          'args': {'n': 5, 'ok': true, 'none': null, 'list': [1, 'a'], 'obj': {'k': 'v'}}}}"""), Message.ToolCall.getDefaultInstance()).message();
    var args = call.getCallMcpTool().getArgs().getFieldsMap();
    assertThat(args.get("n").getNumberValue()).isEqualTo(5.0);
    assertThat(args.get("ok").getBoolValue()).isTrue();
    assertThat(args.get("none").hasNullValue()).isTrue();
    assertThat(args.get("list").getListValue().getValues(1).getStringValue()).isEqualTo("a");
    assertThat(args.get("obj").getStructValue().getFieldsOrThrow("k").getStringValue())
        .isEqualTo("v");

    var context = ProtoJson.fromJson(
            json("{'current_time': '2026-01-14T08:15:00.5Z'}"), InputContext.getDefaultInstance())
        .message();
    assertThat(context.getCurrentTime())
        .isEqualTo(Timestamp.newBuilder()
            .setSeconds(1_768_378_500L)
            .setNanos(500_000_000)
            .build());

    var update = ProtoJson.fromJson(
            json("{'task_id': 'T', 'mask': 'agentOutput.text,serverMessageData'}"),
            ClientAction.UpdateTaskMessage.getDefaultInstance())
        .message();
    assertThat(update.getMask().getPathsList())
        .containsExactly("agent_output.text", "server_message_data");

    var reasoning = ProtoJson.fromJson(
            json("{'reasoning': 'r', 'finished_duration': '1.5s'}"),
            Message.AgentReasoning.getDefaultInstance())
        .message();
    assertThat(reasoning.getFinishedDuration()).isEqualTo(Durations.fromMillis(1500));

    var success = ProtoJson.fromJson(
            json("{'artifact_uid': 'a', 'size_bytes': '9007199254740993'}"),
            UploadFileArtifactResult.Success.getDefaultInstance())
        .message();
    assertThat(success.getSizeBytes()).isEqualTo(9_007_199_254_740_993L);
  }

  @Test
  void ignoresUnknownKeysAndReportsTheirPaths() throws Exception {
    var parsed = ProtoJson.fromJson(json("""
        {'client_version': 'v1', 'input': {'user_inputs': {'inputs': [{'user_query': {'query': 'hi', 'extra': 1}}]}}}"""), Request.getDefaultInstance(), "json_data");
    assertThat(parsed
            .message()
            .getInput()
            .getUserInputs()
            .getInputs(0)
            .getUserQuery()
            .getQuery())
        .isEqualTo("hi");
    assertThat(parsed.warnings())
        .containsExactly(
            "json_data.client_version: unknown field of warp.multi_agent.v1.Request ignored",
            "json_data.input.user_inputs.inputs[0].user_query.extra: unknown field of warp.multi_agent.v1.Request.Input.UserQuery ignored");
  }

  @Test
  void nullMeansAbsentExceptForValues() throws Exception {
    var parsed = ProtoJson.fromJson(
            json("{'conversation_id': null, 'logging': {'k': null}}"),
            Request.Metadata.getDefaultInstance())
        .message();
    assertThat(parsed.getConversationId()).isEmpty();
    assertThat(parsed.getLoggingOrThrow("k").hasNullValue()).isTrue();
  }
}
