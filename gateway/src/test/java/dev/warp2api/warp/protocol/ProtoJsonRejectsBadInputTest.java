package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.pb.FileContentLineRange;
import dev.warp2api.warp.protocol.pb.InputContext;
import dev.warp2api.warp.protocol.pb.Request;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Every bad value is an INVALID_REQUEST naming its path; nothing is silently dropped. */
class ProtoJsonRejectsBadInputTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static AbstractThrowableAssert<?, ? extends Throwable> reading(String json, Message type) {
    return assertThatThrownBy(
            () -> ProtoJson.fromJson(JSON.readTree(json.replace('\'', '"')), type, "json_data"))
        .isInstanceOf(GatewayException.class)
        .satisfies(e -> Assertions.assertThat(((GatewayException) e).kind())
            .isEqualTo(ErrorKind.INVALID_REQUEST));
  }

  static void hasParam(Throwable e, String param) {
    Assertions.assertThat(((GatewayException) e).param()).isEqualTo(param);
  }

  @Test
  void wrongScalarTypeNamesPathExpectationAndKind() {
    reading("{'settings': {'rules_enabled': 'yes'}}", Request.getDefaultInstance())
        .hasMessage("json_data.settings.rules_enabled: expected a boolean but got a string")
        .satisfies(e -> hasParam(e, "json_data.settings.rules_enabled"));
    reading(
            "{'input': {'user_inputs': {'inputs': [{'user_query': {'query': 42}}]}}}",
            Request.getDefaultInstance())
        .hasMessage(
            "json_data.input.user_inputs.inputs[0].user_query.query: expected a string but got the number 42");
  }

  @Test
  void wrongContainerShapes() {
    reading("{'settings': {'supported_tools': 'GREP'}}", Request.getDefaultInstance())
        .hasMessage("json_data.settings.supported_tools: expected a JSON array but got a string");
    reading("{'settings': []}", Request.getDefaultInstance())
        .hasMessage("json_data.settings: expected a JSON object for Settings but got an array");
    reading("{'metadata': {'logging': [1]}}", Request.getDefaultInstance())
        .hasMessage("json_data.metadata.logging: expected a JSON object (map) but got an array");
    reading("[]", Request.getDefaultInstance())
        .hasMessage("json_data: expected a JSON object for Request but got an array");
  }

  @Test
  void unknownEnumNameListsTheAcceptedValues() {
    reading("{'settings': {'supported_tools': ['GREP', 'TELEPORT']}}", Request.getDefaultInstance())
        .hasMessageStartingWith(
            "json_data.settings.supported_tools[1]: unknown enum value 'TELEPORT' for "
                + "warp.multi_agent.v1.ToolType; expected a number or one of RUN_SHELL_COMMAND, SEARCH_CODEBASE")
        .satisfies(e -> hasParam(e, "json_data.settings.supported_tools[1]"));
    reading("{'settings': {'autonomy_level': 1.5}}", Request.getDefaultInstance())
        .hasMessage("json_data.settings.autonomy_level: expected an enum name or int32 number of "
            + "warp.multi_agent.v1.AutonomyLevel but got the number 1.5");
  }

  @Test
  void badBase64() {
    reading(
            "{'data': 'not base64!', 'mime_type': 'image/png'}",
            InputContext.Image.getDefaultInstance())
        .hasMessage(
            "json_data.data: expected base64 bytes (standard or url-safe alphabet) but got a string that is not base64");
  }

  @Test
  void integersOutOfRangeOrFractional() {
    reading(
            "{'max_matches': 3000000000}",
            dev.warp2api.warp.protocol.pb.Message.ToolCall.FileGlobV2.getDefaultInstance())
        .hasMessage("json_data.max_matches: expected int32 but got 3000000000 (out of range)");
    reading("{'start': -1}", FileContentLineRange.getDefaultInstance())
        .hasMessage("json_data.start: expected uint32 but got -1 (out of range)");
    reading("{'start': 1.5}", FileContentLineRange.getDefaultInstance())
        .hasMessage("json_data.start: expected uint32 but got 1.5 (not an integer)");
  }

  @Test
  void twoMembersOfOneOneofOrOneFieldUnderTwoNames() {
    reading(
            "{'user_query': {'query': 'a'}, 'tool_call_result': {}}",
            Request.Input.UserInputs.UserInput.getDefaultInstance())
        .hasMessage(
            "json_data.tool_call_result: oneof 'input' takes one member but 'user_query' is also given");
    reading(
            "{'task_id': 'a', 'taskId': 'b'}",
            dev.warp2api.warp.protocol.pb.Message.getDefaultInstance())
        .hasMessage("json_data.taskId: field 'task_id' is given twice (also as 'task_id')");
  }

  @Test
  void badWellKnownTypeText() {
    reading("{'current_time': 'yesterday'}", InputContext.getDefaultInstance())
        .hasMessage(
            "json_data.current_time: expected a google.protobuf.Timestamp in its JSON form but got a string");
  }

  @Test
  void nullInsideARepeatedField() {
    reading("{'settings': {'supported_tools': [null]}}", Request.getDefaultInstance())
        .hasMessage("json_data.settings.supported_tools[0]: expected an element but got null");
  }
}
