package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.GatewayException;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * {@code server_message_data}: expanded to {uuid, seconds, nanos, iso_utc, iso_ny, type} and back.
 */
class ServerMessageDataTest {
  /**
   * The 2026 capture's value (docs/PROTOCOL.md, 'Bridge JSON'): field 3 = Timestamp only, padded
   * base64url.
   */
  static final String CAPTURED = "GgsIyp_TywYQg47ueA==";

  static final String UUID = "abcdef01-2345-4678-89ab-cdef01234567";

  @Test
  void expandsTheCapturedTimestampOnlyValue() {
    assertThat(ServerMessageData.decode(CAPTURED).toString())
        .isEqualTo("{\"seconds\":1769263050,\"nanos\":253462275,"
            + "\"iso_utc\":\"2026-01-24T13:57:30.253462275Z\",\"iso_ny\":\"2026-01-24T08:57:30.253462275-05:00\","
            + "\"type\":\"TIMESTAMP_ONLY\"}");
  }

  @Test
  void encodesUuidAndTimestampAndDecodesThemBack() {
    ObjectNode object = BridgeFixtures.JSON
        .createObjectNode()
        .put("uuid", UUID)
        .put("seconds", 1769263050L)
        .put("nanos", 5);
    String text = ServerMessageData.encode(object, "server_message_data");
    assertThat(Base64.getUrlDecoder().decode(text)[0]).isEqualTo((byte) 0x0a);
    var back = ServerMessageData.decode(text);
    assertThat(back.get("uuid").asText()).isEqualTo(UUID);
    assertThat(back.get("nanos").asInt()).isEqualTo(5);
    assertThat(back.get("type").asText()).isEqualTo("UUID_AND_TIMESTAMP");
    assertThat(ServerMessageData.encode(back, "p")).isEqualTo(text);

    var uuidOnly = ServerMessageData.decode(
        ServerMessageData.encode(BridgeFixtures.JSON.createObjectNode().put("uuid", UUID), "p"));
    assertThat(uuidOnly.toString()).isEqualTo("{\"uuid\":\"" + UUID + "\",\"type\":\"UUID_ONLY\"}");
  }

  @Test
  void leavesStringsThatAreNotExactlyThatMessageAlone() {
    assertThat(ServerMessageData.decode("not base64 at all!")).isNull();
    assertThat(ServerMessageData.decode("EgA=")).as("field 2 is not part of it").isNull();
    assertThat(ServerMessageData.decode("")).isNull();
  }

  @Test
  void rejectsMistypedParts() {
    var badSeconds = BridgeFixtures.JSON.createObjectNode().put("seconds", "soon");
    assertThatThrownBy(() -> ServerMessageData.encode(badSeconds, "json_data.server_message_data"))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("json_data.server_message_data.seconds: expected an integer");
    var badNanos = BridgeFixtures.JSON.createObjectNode().put("nanos", 2_000_000_000L);
    assertThatThrownBy(() -> ServerMessageData.encode(badNanos, "p"))
        .hasMessageContaining("p.nanos");
    assertThatThrownBy(() -> ServerMessageData.encode(BridgeFixtures.JSON.createObjectNode(), "p"))
        .hasMessageContaining("p: expected a string or an object with uuid, seconds or nanos");
  }

  @Test
  void routesCollapseObjectsInNestedMessagesAndExpandThemOnOutput() throws Exception {
    try (var server = new BridgeServer(ScriptedWarp.goldenTurn())) {
      String event =
          "{\"json_data\": {\"client_actions\": {\"actions\": [{\"add_messages_to_task\": {\"task_id\": \"t\","
              + " \"messages\": [{\"id\": \"m\", \"server_message_data\": {\"seconds\": 1769263050, \"nanos\": 253462275},"
              + " \"tool_call\": {\"call_mcp_tool\": {\"name\": \"f\", \"args\": {\"server_message_data\": {\"uuid\": \"u\"}}}}}]}}]}},"
              + " \"message_type\": \"warp.multi_agent.v1.ResponseEvent\"}";
      var encoded = server.post("/api/encode", event);
      assertThat(encoded.status()).isEqualTo(200);
      byte[] bytes =
          Base64.getDecoder().decode(encoded.json().get("protobuf_bytes").asText());
      var parsed = ResponseEvent.parseFrom(bytes);
      Message message =
          parsed.getClientActions().getActions(0).getAddMessagesToTask().getMessages(0);
      assertThat(message.getServerMessageData()).isEqualTo(CAPTURED);
      assertThat(message
              .getToolCall()
              .getCallMcpTool()
              .getArgs()
              .getFieldsOrThrow("server_message_data")
              .getStructValue()
              .getFieldsOrThrow("uuid")
              .getStringValue())
          .as("Struct data is not touched")
          .isEqualTo("u");

      var decoded = server
          .post(
              "/api/decode",
              "{\"protobuf_bytes\": \"" + encoded.json().get("protobuf_bytes").asText()
                  + "\", \"message_type\": \"warp.multi_agent.v1.ResponseEvent\"}")
          .json();
      var shown = decoded.at(
          "/json_data/client_actions/actions/0/add_messages_to_task/messages/0/server_message_data");
      assertThat(shown.get("type").asText()).isEqualTo("TIMESTAMP_ONLY");
      assertThat(shown.get("iso_utc").asText()).isEqualTo("2026-01-24T13:57:30.253462275Z");
      assertThat(decoded
              .at(
                  "/json_data/client_actions/actions/0/add_messages_to_task/messages/0/tool_call/call_mcp_tool/args")
              .toString())
          .isEqualTo("{\"server_message_data\":{\"uuid\":\"u\"}}");
    }
  }
}
