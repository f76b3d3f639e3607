package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code /api/decode}: the golden Requests R1 and R2 as §4.4 JSON, and back to the same bytes. */
class DecodeRouteTest {
  @AutoClose
  static final BridgeServer server = new BridgeServer(ScriptedWarp.goldenTurn());

  @Test
  void decodesR1WithProtoFieldNamesAndEnumNames() {
    var answer =
        server.post("/api/decode", "{\"protobuf_bytes\": \"" + BridgeFixtures.r1Base64() + "\"}");
    assertThat(answer.status()).isEqualTo(200);
    var json = answer.json();
    assertThat(json.get("size").asInt()).isEqualTo(350);
    assertThat(json.get("message_type").asText()).isEqualTo("warp.multi_agent.v1.Request");
    var data = json.get("json_data");
    assertThat(data.at("/input/user_inputs/inputs/0/user_query/query").asText()).isEqualTo("Hello");
    assertThat(data.at("/task_context/active_task_id").asText()).isEqualTo(BridgeFixtures.T);
    assertThat(data.at("/settings/supported_tools").toString()).isEqualTo("[\"CALL_MCP_TOOL\"]");
    assertThat(data.at("/settings/model_config/planning").asText())
        .isEqualTo("gpt-5 (high reasoning)");
    assertThat(data.at("/metadata/logging/is_autodetected_user_query").asBoolean())
        .isTrue();
  }

  @Test
  void decodesR2AndItsJsonEncodesBackToTheSameBytes() {
    var decoded = server.post(
        "/api/decode",
        "{\"protobuf_bytes\": \"" + BridgeFixtures.R2_BASE64
            + "\", \"message_type\": \"warp.multi_agent.v1.Request\"}");
    assertThat(decoded.status()).isEqualTo(200);
    var data = decoded.json().get("json_data");
    assertThat(decoded.json().get("size").asInt()).isEqualTo(852);
    assertThat(data.at("/metadata/conversation_id").asText())
        .isEqualTo(BridgeFixtures.CONVERSATION);
    assertThat(data.at("/task_context/tasks/0/messages/2/tool_call/call_mcp_tool/args/city")
            .asText())
        .isEqualTo("Paris");
    assertThat(data.at(
                "/input/user_inputs/inputs/0/tool_call_result/call_mcp_tool/success/results/0/text/text")
            .asText())
        .isEqualTo("18C sunny");

    var encoded = server.post("/api/encode", "{\"json_data\": " + data + "}");
    assertThat(encoded.json().get("protobuf_bytes").asText()).isEqualTo(BridgeFixtures.R2_BASE64);
  }

  @Test
  void acceptsUrlSafeUnpaddedBase64() {
    byte[] r2 = Base64.getDecoder().decode(BridgeFixtures.R2_BASE64);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(r2);
    assertThat(urlSafe).contains("_");
    var answer = server.post("/api/decode", "{\"protobuf_bytes\": \"" + urlSafe + "\"}");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("size").asInt()).isEqualTo(852);
  }

  @Test
  void decodesOtherMessageTypes() {
    var answer = server.post(
        "/api/decode",
        "{\"protobuf_bytes\": \"" + BridgeFixtures.E5
            + "\", \"message_type\": \"warp.multi_agent.v1.ResponseEvent\"}");
    assertThat(answer.json().get("json_data").toString())
        .isEqualTo(
            "{\"finished\":{\"done\":{},\"token_usage\":[{\"model_id\":\"claude-4-sonnet\",\"total_input\":1200,\"output\":35}]}}");
  }
}
