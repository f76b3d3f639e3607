package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/stream-decode}: E1-E5 decoded one by one and, concatenated, as one merged message.
 */
class StreamDecodeRouteTest {
  @AutoClose
  static final BridgeServer server = new BridgeServer(ScriptedWarp.goldenTurn());

  static String chunks(String... chunks) {
    return "[\"" + String.join("\", \"", chunks) + "\"]";
  }

  @Test
  void decodesEachGoldenEventAsAResponseEventByDefault() {
    var answer = server.post(
        "/api/stream-decode", "{\"protobuf_chunks\": " + chunks(BridgeFixtures.EVENTS) + "}");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.get("message_type").asText()).isEqualTo("warp.multi_agent.v1.ResponseEvent");
    assertThat(json.get("total_chunks").asInt()).isEqualTo(5);
    assertThat(json.get("total_size").asInt()).isEqualTo(78 + 124 + 155 + 171 + 28);
    JsonNode list = json.get("chunks");
    assertThat(list).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(list.get(i).get("chunk_index").asInt()).isEqualTo(i);
    }
    assertThat(list.get(0).toString())
        .isEqualTo("{\"chunk_index\":0,\"json_data\":{\"init\":{\"conversation_id\":\""
            + BridgeFixtures.CONVERSATION
            + "\",\"request_id\":\"77777777-7777-4777-8777-777777777777\"}},\"size\":78}");
    assertThat(list.get(2)
            .at(
                "/json_data/client_actions/actions/0/append_to_message_content/message/agent_output/text")
            .asText())
        .isEqualTo("Hello");
    assertThat(list.get(2)
            .at("/json_data/client_actions/actions/0/append_to_message_content/mask")
            .asText())
        .isEqualTo("agentOutput.text");
    assertThat(list.get(3)
            .at(
                "/json_data/client_actions/actions/0/add_messages_to_task/messages/0/tool_call/call_mcp_tool/args")
            .toString())
        .isEqualTo("{\"city\":\"Paris\"}");
    assertThat(list.get(4).get("size").asInt()).isEqualTo(28);
  }

  @Test
  void completeIsTheConcatenationMergedAsOneMessage() {
    var json = server
        .post(
            "/api/stream-decode",
            "{\"protobuf_chunks\": " + chunks(BridgeFixtures.E2, BridgeFixtures.E3)
                + ", \"message_type\": \"warp.multi_agent.v1.ResponseEvent\"}")
        .json();
    JsonNode complete = json.get("complete");
    assertThat(complete.get("size").asInt()).isEqualTo(124 + 155);
    JsonNode actions = complete.at("/json_data/client_actions/actions");
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0).has("add_messages_to_task")).isTrue();
    assertThat(actions.get(1).has("append_to_message_content")).isTrue();

    var all = server
        .post("/api/stream-decode", "{\"protobuf_chunks\": " + chunks(BridgeFixtures.EVENTS) + "}")
        .json();
    assertThat(all.at("/complete/json_data").toString())
        .isEqualTo(all.at("/chunks/4/json_data").toString());
  }

  @Test
  void reportsABadChunkInItsOwnEntryAndInComplete() {
    var answer = server.post(
        "/api/stream-decode",
        "{\"protobuf_chunks\": " + chunks(BridgeFixtures.E1, "not base64!", "/w==") + "}");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.at("/chunks/0/size").asInt()).isEqualTo(78);
    assertThat(json.at("/chunks/1/error").asText())
        .contains("protobuf_chunks[1] is not valid base64");
    assertThat(json.at("/chunks/1/size").asInt()).isZero();
    assertThat(json.at("/chunks/2/error").asText())
        .contains("protobuf_chunks[2] is not a valid warp.multi_agent.v1.ResponseEvent");
    assertThat(json.at("/complete/error").asText())
        .contains("protobuf_chunks[1] is not valid base64");
    assertThat(json.at("/complete/size").asInt()).isZero();
  }
}
