package dev.warp2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The original bridge's raw Warp routes, through the pool, against the simulator. */
class BridgeRoutesThroughSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST =
      "{\"json_data\":{\"input\":{\"user_inputs\":{\"inputs\":[{\"user_query\":"
          + "{\"query\":\"Hello bridge\"}}]}},\"settings\":{\"model_config\":{\"base\":\"auto\"}}},"
          + "\"message_type\":\"warp.multi_agent.v1.Request\"}";

  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of("rt-bridge-1", "one", 100)),
      Map.of("WARP_REFRESH_TOKEN", "rt-bridge-1"));

  @Test
  void sendStreamCollectsTheAnswerAndTheParsedEvents() throws Exception {
    stack.sim.enqueue(SimReply.text("Raw route answer.").inDeltas(2));
    HttpResponse<String> r = stack.post("/api/warp/send_stream", REQUEST);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("response").asText()).isEqualTo("Raw route answer.");
    assertThat(body.get("conversation_id").asText()).isNotBlank();
    assertThat(body.get("events_count").asInt())
        .isEqualTo(body.get("parsed_events").size())
        .isGreaterThan(3);
    assertThat(stack.sim.takeRequest().lastQuery()).isEqualTo("Hello bridge");
  }

  @Test
  void sendStreamSseRelaysEventsThenDone() {
    stack.sim.enqueue(SimReply.text("Streamed raw.").inDeltas(2));
    HttpResponse<String> r = stack.post("/api/warp/send_stream_sse", REQUEST);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"event_type\":\"INITIALIZATION\"", "\"event_type\":\"FINISHED\"")
        .endsWith("data: [DONE]\n\n");
  }

  @Test
  void upstreamBadRequestIsAnHttpErrorNeverA200() throws Exception {
    stack.sim.enqueue(SimFault.BAD_REQUEST_400);
    HttpResponse<String> r = stack.post("/api/warp/send_stream", REQUEST);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).at("/error/message").asText())
        .contains("Warp rejected the request");
    assertThat(stack.sim.requests()).hasSize(1);
  }

  @Test
  void aRequestWithoutInputIsA400AndLeavesTheCredentialServing() throws Exception {
    String noInput = "{\"json_data\":{\"settings\":{\"model_config\":{\"base\":\"auto\"}}}}";
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = stack.post("/api/warp/send_stream", noInput);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).at("/error/param").asText()).isEqualTo("json_data.input");
    }
    assertThat(stack.sim.requests())
        .as("Warp answers such a request with an empty 500")
        .isEmpty();
    assertThat(stack.post("/api/warp/send_stream", REQUEST).statusCode()).isEqualTo(200);
  }
}
