package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/warp/send_stream}: one JSON answer collected from Warp's events, or an HTTP
 * error.
 */
class SendStreamRouteTest {

  @Test
  void collectsTextIdsAndEveryEventOfTheGoldenTurn() throws Exception {
    var warp = ScriptedWarp.goldenTurn();
    try (var server = new BridgeServer(warp)) {
      var answer = server.post("/api/warp/send_stream", BridgeFixtures.R1_JSON);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(warp.requests).hasSize(1);
      assertThat(warp.requests.get(0)).isEqualTo(BridgeFixtures.r1());
      JsonNode json = answer.json();
      assertThat(json.get("response").asText()).isEqualTo("Hello");
      assertThat(json.get("conversation_id").asText()).isEqualTo(BridgeFixtures.CONVERSATION);
      assertThat(json.get("task_id").asText()).isEqualTo(BridgeFixtures.T);
      assertThat(json.get("request_size").asInt()).isEqualTo(350);
      assertThat(json.get("response_size").asInt()).isEqualTo(78 + 124 + 155 + 171 + 28);
      assertThat(json.get("message_type").asText()).isEqualTo("warp.multi_agent.v1.Request");
      assertThat(json.get("events_count").asInt()).isEqualTo(5);
      assertThat(json.get("events_summary").toString())
          .isEqualTo(
              "{\"INITIALIZATION\":1,"
                  + "\"CLIENT_ACTIONS(ADD_MESSAGE)\":2,\"CLIENT_ACTIONS(APPEND_CONTENT)\":1,\"FINISHED\":1}");
      JsonNode events = json.get("parsed_events");
      assertThat(events).hasSize(5);
      assertThat(events.get(0).toString())
          .isEqualTo("{\"event_number\":1,\"event_type\":\"INITIALIZATION\","
              + "\"parsed_data\":{\"init\":{\"conversation_id\":\"" + BridgeFixtures.CONVERSATION
              + "\",\"request_id\":\"77777777-7777-4777-8777-777777777777\"}}}");
      assertThat(events.get(2).get("event_number").asInt()).isEqualTo(3);
      assertThat(events
              .get(4)
              .at("/parsed_data/finished/token_usage/0/total_input")
              .asInt())
          .isEqualTo(1200);
    }
  }

  @Test
  void upstreamFailureIsAnHttpErrorStatusNeverA200() throws Exception {
    var quota = GatewayException.retryAfter(
        ErrorKind.QUOTA_EXHAUSTED, "Every Warp credential is out of quota.", 30);
    try (var server = new BridgeServer(ScriptedWarp.failing(quota))) {
      var answer = server.post("/api/warp/send_stream", BridgeFixtures.R1_JSON);
      assertThat(answer.status()).isEqualTo(429);
      assertThat(answer.json().toString())
          .isEqualTo("{\"error\":{\"message\":\"Every Warp credential is out of quota.\","
              + "\"type\":\"quota_exhausted\",\"retry_after_seconds\":30}}");
    }
    var failed = new GatewayException(ErrorKind.UPSTREAM_FAILED, "Warp failed after 3 attempts.");
    try (var server = new BridgeServer(ScriptedWarp.failingAfterInit(failed))) {
      var answer = server.post("/api/warp/send_stream", BridgeFixtures.R1_JSON);
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.json().at("/error/message").asText())
          .isEqualTo("Warp failed after 3 attempts.");
      assertThat(answer.text()).doesNotContain("parsed_events");
    }
  }

  @Test
  void aWarpThatThrowsIsReportedWithoutInternals() throws Exception {
    var warp = ScriptedWarp.of(sink -> {
      throw new IllegalStateException("secret internals");
    });
    try (var server = new BridgeServer(warp)) {
      var answer = server.post("/api/warp/send_stream", BridgeFixtures.R1_JSON);
      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.text()).doesNotContain("secret internals").doesNotContain("Exception");
      assertThat(answer.json().at("/error/type").asText()).isEqualTo("internal");
    }
  }

  @Test
  void aRestartForgetsTheAbandonedAttempt() throws Exception {
    var warp = ScriptedWarp.of(sink -> {
      sink.onOpen();
      ScriptedWarp.deliver(sink, BridgeFixtures.event(BridgeFixtures.E1), List.of());
      ScriptedWarp.deliver(
          sink, BridgeFixtures.event(BridgeFixtures.E3), List.of(new ChatEvent.TextDelta("Hello")));
      assertThat(sink.restartable()).isTrue();
      sink.restart();
      ScriptedWarp.deliverGolden(sink);
      sink.onEnd();
    });
    try (var server = new BridgeServer(warp)) {
      JsonNode json =
          server.post("/api/warp/send_stream", BridgeFixtures.R1_JSON).json();
      assertThat(json.get("response").asText()).isEqualTo("Hello");
      assertThat(json.get("events_count").asInt()).isEqualTo(5);
      assertThat(json.at("/parsed_events/0/event_number").asInt()).isEqualTo(1);
      assertThat(json.get("response_size").asInt()).isEqualTo(556);
    }
  }

  @Test
  void sendRoutesRequireARequestMessageTypeAndNeverCallWarpOtherwise() throws Exception {
    var warp = ScriptedWarp.goldenTurn();
    try (var server = new BridgeServer(warp)) {
      String body =
          "{\"json_data\": {\"finished\": {}}, \"message_type\": \"warp.multi_agent.v1.ResponseEvent\"}";
      for (String path :
          List.of("/api/warp/send_stream", "/api/warp/send_stream_sse", "/api/warp/encode_raw")) {
        var answer = server.post(path, body);
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.json().at("/error/message").asText())
            .as(path)
            .contains("message_type must be warp.multi_agent.v1.Request");
        assertThat(answer.json().at("/error/param").asText()).isEqualTo("message_type");
      }
      assertThat(warp.requests).isEmpty();
    }
  }

  @Test
  void sendRoutesRefuseARequestWithoutInputAndNeverCallWarp() throws Exception {
    var warp = ScriptedWarp.goldenTurn();
    try (var server = new BridgeServer(warp)) {
      String wrapped = "{\"json_data\": {\"settings\": {\"model_config\": {\"base\": \"auto\"}}}}";
      String bare = "{\"metadata\": {\"conversation_id\": \"c-1\"}}";
      for (String path : List.of("/api/warp/send_stream", "/api/warp/send_stream_sse")) {
        var answer = server.post(path, wrapped);
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.json().at("/error/param").asText()).isEqualTo("json_data.input");
        assertThat(answer.json().at("/error/type").asText()).isEqualTo("invalid_request");
        assertThat(server.post(path, bare).json().at("/error/param").asText()).isEqualTo("input");
      }
      assertThat(warp.requests).isEmpty();
      assertThat(server.post("/api/warp/encode_raw", wrapped).status())
          .as("encoding alone sends nothing: a Request without input is encoded")
          .isEqualTo(200);
    }
  }
}
