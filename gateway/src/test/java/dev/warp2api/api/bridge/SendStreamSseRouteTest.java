package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/warp/send_stream_sse}: §4.5 events, then {@code [DONE]}; errors as statuses or
 * events.
 */
class SendStreamSseRouteTest {
  static final String T = BridgeFixtures.T;
  static final String E1_EVENT =
      "data: {\"event_number\":1,\"event_type\":\"INITIALIZATION\",\"parsed_data\":"
          + "{\"init\":{\"conversation_id\":\"66666666-6666-4666-8666-666666666666\","
          + "\"request_id\":\"77777777-7777-4777-8777-777777777777\"}}}\n\n";
  static final String GOLDEN_STREAM = E1_EVENT
      + "data: {\"event_number\":2,\"event_type\":\"CLIENT_ACTIONS(1)\",\"parsed_data\":{\"client_actions\":{\"actions\":"
      + "[{\"add_messages_to_task\":{\"task_id\":\"T\",\"messages\":[{\"id\":\"88888888-8888-4888-8888-888888888888\","
      + "\"agent_output\":{},\"task_id\":\"T\"}]}}]}}}\n\n"
      + "data: {\"event_number\":3,\"event_type\":\"CLIENT_ACTIONS(1)\",\"parsed_data\":{\"client_actions\":{\"actions\":"
      + "[{\"append_to_message_content\":{\"message\":{\"id\":\"88888888-8888-4888-8888-888888888888\","
      + "\"agent_output\":{\"text\":\"Hello\"},\"task_id\":\"T\"},\"mask\":\"agentOutput.text\",\"task_id\":\"T\"}}]}}}\n\n"
      + "data: {\"event_number\":4,\"event_type\":\"CLIENT_ACTIONS(1)\",\"parsed_data\":{\"client_actions\":{\"actions\":"
      + "[{\"add_messages_to_task\":{\"task_id\":\"T\",\"messages\":[{\"id\":\"99999999-9999-4999-8999-999999999999\","
      + "\"tool_call\":{\"tool_call_id\":\"toolu_01\",\"call_mcp_tool\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}},"
      + "\"task_id\":\"T\"}]}}]}}}\n\n"
      + "data: {\"event_number\":5,\"event_type\":\"FINISHED\",\"parsed_data\":{\"finished\":{\"done\":{},"
      + "\"token_usage\":[{\"model_id\":\"claude-4-sonnet\",\"total_input\":1200,\"output\":35}]}}}\n\n"
      + "data: [DONE]\n\n";

  @Test
  void streamsTheGoldenEventsExactlyThenDone() throws Exception {
    var warp = ScriptedWarp.goldenTurn();
    try (var server = new BridgeServer(warp)) {
      var answer = server.post("/api/warp/send_stream_sse", BridgeFixtures.R1_JSON);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.contentType()).startsWith("text/event-stream");
      assertThat(answer.text()).isEqualTo(GOLDEN_STREAM.replace("\"T\"", "\"" + T + "\""));
      assertThat(warp.requests.get(0)).isEqualTo(BridgeFixtures.r1());
    }
  }

  @Test
  void failureBeforeWarpAcceptedIsAnHttpErrorStatus() throws Exception {
    var none = new GatewayException(ErrorKind.NO_CREDENTIALS, "No Warp credential is configured.");
    try (var server = new BridgeServer(ScriptedWarp.failing(none))) {
      var answer = server.post("/api/warp/send_stream_sse", BridgeFixtures.R1_JSON);
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.contentType()).startsWith("application/json");
      assertThat(answer.json().toString())
          .isEqualTo(
              "{\"error\":{\"message\":\"No Warp credential is configured.\",\"type\":\"no_credentials\"}}");
    }
  }

  @Test
  void failureAfterTheHeadIsAnErrorEventThenDone() throws Exception {
    var failed =
        new GatewayException(ErrorKind.UPSTREAM_FAILED, "Warp closed the stream before finishing.");
    try (var server = new BridgeServer(ScriptedWarp.failingAfterInit(failed))) {
      var answer = server.post("/api/warp/send_stream_sse", BridgeFixtures.R1_JSON);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.text())
          .isEqualTo(E1_EVENT
              + "data: {\"error\":{\"message\":\"Warp closed the stream before finishing.\",\"type\":\"upstream_failed\"}}\n\n"
              + "data: [DONE]\n\n");
    }
  }

  @Test
  void cancelsTheCallWhenTheClientGoesAway() throws Exception {
    var warp = ScriptedWarp.hanging();
    try (var server = new BridgeServer(warp)) {
      byte[] body = BridgeFixtures.R1_JSON.getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/warp/send_stream_sse HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n"
                    + "content-length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        var seen = new StringBuilder();
        while (!seen.toString().contains("INITIALIZATION")) {
          int b = in.read();
          assertThat(b).as("stream ended early: " + seen).isNotEqualTo(-1);
          seen.append((char) b);
        }
        assertThat(warp.cancelled.getCount()).isEqualTo(1);
      }
      assertThat(warp.cancelled.await(10, TimeUnit.SECONDS))
          .as("call cancelled")
          .isTrue();
    }
  }
}
