package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/encode} and {@code /api/warp/encode_raw}: the R1 packet gives exactly the golden
 * bytes.
 */
class EncodeRoutesTest {
  @AutoClose
  static final BridgeServer server = new BridgeServer(ScriptedWarp.goldenTurn());

  @Test
  void encodesTheR1PacketGivenAsTopLevelKeysToTheGoldenBytes() {
    var answer = server.post("/api/encode", BridgeFixtures.R1_JSON);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().toString())
        .isEqualTo("{\"protobuf_bytes\":\"" + BridgeFixtures.r1Base64() + "\",\"size\":350,"
            + "\"message_type\":\"warp.multi_agent.v1.Request\"}");
  }

  @Test
  void encodesTheR1PacketGivenInJsonDataToTheGoldenBytes() {
    var answer = server.post(
        "/api/encode",
        "{\"json_data\": " + BridgeFixtures.R1_JSON
            + ", \"message_type\": \"warp.multi_agent.v1.Request\"}");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("protobuf_bytes").asText()).isEqualTo(BridgeFixtures.r1Base64());
  }

  @Test
  void ignoresClientVersionAndOsKeysAndReportsThemAsWarnings() {
    String body = BridgeFixtures.R1_JSON.replaceFirst(
        "\\{", "{\"client_version\": \"v0.2025\", \"os_name\": \"Linux\", ");
    var answer = server.post("/api/encode", body);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("protobuf_bytes").asText()).isEqualTo(BridgeFixtures.r1Base64());
    assertThat(answer.json().get("warnings").toString())
        .contains("client_version: unknown field")
        .contains("os_name: unknown field");
  }

  @Test
  void encodesAnyKnownMessageTypeAndKeepsPresenceOfEmptyMessages() {
    var answer = server.post(
        "/api/encode",
        "{\"json_data\": {\"finished\": {\"done\": {}}}, \"message_type\": \"warp.multi_agent.v1.ResponseEvent\"}");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("protobuf_bytes").asText()).isEqualTo("GgISAA==");
    assertThat(answer.json().get("size").asInt()).isEqualTo(4);
    assertThat(answer.json().get("message_type").asText())
        .isEqualTo("warp.multi_agent.v1.ResponseEvent");
  }

  @Test
  void keepsWhitespaceOfStringsUnlikeTheOriginalBridge() {
    var answer = server.post(
        "/api/encode",
        "{\"input\": {\"user_inputs\": {\"inputs\": [{\"user_query\": {\"query\": \"  two\\nlines \"}}]}}}");
    var decoded = server.post(
        "/api/decode",
        "{\"protobuf_bytes\": \"" + answer.json().get("protobuf_bytes").asText() + "\"}");
    assertThat(decoded
            .json()
            .at("/json_data/input/user_inputs/inputs/0/user_query/query")
            .asText())
        .isEqualTo("  two\nlines ");
  }

  @Test
  void encodeRawAnswersTheProtobufBytesByDefault() {
    var answer = server.post("/api/warp/encode_raw", BridgeFixtures.R1_JSON);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("application/x-protobuf");
    assertThat(answer.body()).isEqualTo(BridgeFixtures.r1());
    assertThat(server
            .post("/api/warp/encode_raw?output=raw", BridgeFixtures.R1_JSON)
            .body())
        .isEqualTo(BridgeFixtures.r1());
  }

  @Test
  void encodeRawAnswersBase64WhenAsked() {
    var answer = server.post("/api/warp/encode_raw?output=base64", BridgeFixtures.R1_JSON);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().toString())
        .isEqualTo("{\"protobuf_base64\":\"" + BridgeFixtures.r1Base64() + "\",\"size\":350,"
            + "\"message_type\":\"warp.multi_agent.v1.Request\"}");
    assertThat(Base64.getDecoder().decode(answer.json().get("protobuf_base64").asText()))
        .isEqualTo(BridgeFixtures.r1());
  }
}
