package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input to an {@code /api/*} route is a 400 {@code {"error":{"message"}}} naming the
 * problem.
 */
class BadInputTest {
  static final ScriptedWarp warp = ScriptedWarp.goldenTurn();

  @AutoClose
  static final BridgeServer server = new BridgeServer(warp);

  @AfterAll
  static void warpWasNeverCalled() {
    assertThat(warp.requests).as("warp is never called for a bad request").isEmpty();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        Arguments.of("/api/encode", "", "the packet is empty"),
        Arguments.of("/api/encode", "   ", "the packet is empty"),
        Arguments.of("/api/encode", "{}", "the packet is empty"),
        Arguments.of("/api/encode", "{\"json_data\": {}}", "the packet is empty"),
        Arguments.of(
            "/api/encode",
            "{\"message_type\": \"warp.multi_agent.v1.Request\"}",
            "the packet is empty"),
        Arguments.of("/api/encode", "{\"input\": ", "malformed JSON at line 1, column"),
        Arguments.of("/api/encode", "[1, 2]", "must be a JSON object, not an array"),
        Arguments.of(
            "/api/encode",
            "{\"json_data\": \"text\"}",
            "json_data: expected a JSON object but got a string"),
        Arguments.of(
            "/api/encode",
            "{\"input\": {}, \"message_type\": 7}",
            "message_type: expected a string"),
        Arguments.of(
            "/api/encode",
            "{\"input\": {}, \"message_type\": \"warp.multi_agent.v1.Nope\"}",
            "unknown message_type 'warp.multi_agent.v1.Nope'"),
        Arguments.of(
            "/api/encode",
            "{\"settings\": {\"supported_tools\": \"GREP\"}}",
            "settings.supported_tools"),
        Arguments.of(
            "/api/encode",
            "{\"json_data\": {\"settings\": {\"model_config\": {\"base\": 5}}}}",
            "json_data.settings.model_config.base"),
        Arguments.of(
            "/api/encode",
            "{\"settings\": {\"supported_tools\": [\"NOT_A_TOOL\"]}}",
            "unknown enum value 'NOT_A_TOOL'"),
        Arguments.of(
            "/api/warp/encode_raw?output=hex",
            BridgeFixtures.R1_JSON,
            "output must be 'raw' or 'base64'"),
        Arguments.of("/api/warp/encode_raw", "{}", "the packet is empty"),
        Arguments.of("/api/warp/send_stream", "", "the packet is empty"),
        Arguments.of("/api/warp/send_stream", "{\"input\": [] }", "input: expected a JSON object"),
        Arguments.of("/api/warp/send_stream_sse", "not json", "malformed JSON at line 1"),
        Arguments.of(
            "/api/warp/send_stream_sse",
            "{\"metadata\": {\"conversation_id\": 1}}",
            "metadata.conversation_id"),
        Arguments.of("/api/decode", "", "the packet is empty"),
        Arguments.of("/api/decode", "{}", "protobuf_bytes is required"),
        Arguments.of("/api/decode", "{\"protobuf_bytes\": \"\"}", "protobuf_bytes is empty"),
        Arguments.of(
            "/api/decode",
            "{\"protobuf_bytes\": 12}",
            "protobuf_bytes: expected a string but got a number"),
        Arguments.of(
            "/api/decode", "{\"protobuf_bytes\": \"a*b=\"}", "protobuf_bytes is not valid base64"),
        Arguments.of(
            "/api/decode",
            "{\"protobuf_bytes\": \"/w==\"}",
            "protobuf_bytes is not a valid warp.multi_agent.v1.Request"),
        Arguments.of(
            "/api/decode",
            "{\"protobuf_bytes\": \"CgA=\", \"message_type\": \"Request\"}",
            "unknown message_type 'Request'"),
        Arguments.of("/api/stream-decode", "{}", "protobuf_chunks is required"),
        Arguments.of("/api/stream-decode", "{\"protobuf_chunks\": []}", "protobuf_chunks is empty"),
        Arguments.of(
            "/api/stream-decode",
            "{\"protobuf_chunks\": \"GgA=\"}",
            "protobuf_chunks: expected an array but got a string"),
        Arguments.of(
            "/api/stream-decode",
            "{\"protobuf_chunks\": [\"GgA=\", 5]}",
            "protobuf_chunks[1]: expected a base64 string"),
        Arguments.of(
            "/api/stream-decode",
            "{\"protobuf_chunks\": [\"GgA=\"], \"message_type\": \"x.Y\"}",
            "unknown message_type 'x.Y'"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badRequests")
  void answers400WithAMessageNamingTheProblem(String path, String body, String expected) {
    var answer = server.post(path, body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode error = answer.json().get("error");
    assertThat(error.get("message").asText()).contains(expected);
    assertThat(error.get("type").asText()).isEqualTo("invalid_request");
    assertThat(answer.text()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
