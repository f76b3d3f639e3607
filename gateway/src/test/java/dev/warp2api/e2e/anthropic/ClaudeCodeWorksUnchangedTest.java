package dev.warp2api.e2e.anthropic;

import static dev.warp2api.e2e.anthropic.AnthropicE2e.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.e2e.anthropic.AnthropicE2e.Sse;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import dev.warp2api.warp.protocol.pb.Request;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Replays of Claude Code's real request shapes through the gateway to the simulator. */
class ClaudeCodeWorksUnchangedTest {
  @AutoClose
  private final TestStack stack = AnthropicE2e.stack();

  private HttpResponse<String> send(ObjectNode body) {
    return stack.post("/v1/messages?beta=true", body.toString(), ClaudeCodeRequests.HEADERS);
  }

  @Test
  void firstRequestWithTheSkillsListLastStreamsAnAnswerToThePrompt() throws Exception {
    ObjectNode body = ClaudeCodeRequests.first(26);
    assertThat(body.get("tools").toString().length()).isBetween(90_000, 130_000);
    stack.sim.enqueue(SimReply.text("I will look at the test.").inDeltas(2));

    HttpResponse<String> r = send(body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Sse> events = events(r.body());
    assertThat(events.get(0).name()).isEqualTo("message_start");
    assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");
    assertThat(events.get(0).data().at("/message/usage/input_tokens").asLong())
        .isGreaterThan(20_000);
    Request seen = stack.sim.takeRequest().request();
    assertThat(seen.getSettings().getModelConfig().getBase()).isEqualTo("claude-4-5-sonnet");
    assertThat(seen.getInput().getUserInputs().getInputs(0).getUserQuery().getQuery())
        .as("the current input is the user turn, not the trailing system message")
        .contains(ClaudeCodeRequests.PROMPT)
        .doesNotContain("Available agent types");
    assertThat(seen.toString())
        .contains("Available agent types and skills")
        .contains("You are a Claude agent");
    assertThat(seen.getMcpContext().getToolsList()).hasSize(26);
    assertThat(seen.getMcpContext().getToolsList().get(10).getName()).isEqualTo("Read");
    assertThat(seen.getMcpContext().getTools(3).getInputSchema().toString())
        .contains("9.007199254740991E15", "$schema");
  }

  @Test
  void laterRequestWithAFailedToolResultAndStringTurnsSucceeds() throws Exception {
    stack.sim.enqueue(SimReply.text("Let me pass the file path this time."));
    HttpResponse<String> r = send(ClaudeCodeRequests.afterFailedTool(28));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(events(r.body()).get(events(r.body()).size() - 1).name()).isEqualTo("message_stop");
    Request seen = stack.sim.takeRequest().request();
    var result = seen.getInput().getUserInputs().getInputs(0).getToolCallResult();
    assertThat(result.getToolCallId()).isEqualTo("toolu_01ReadFailed");
    assertThat(result.toString()).contains("InputValidationError");
    assertThat(seen.getMcpContext().getToolsList()).hasSize(28);
  }

  @Test
  void nonStreamRetryAfterAFailedStreamSucceeds() {
    ObjectNode body = ClaudeCodeRequests.first(24);
    // init, task, server event, query echo, its update, transaction begin, two text deltas, then
    // the drop.
    stack.sim.enqueue(SimReply.fault(SimFault.disconnectAfter(8)));
    HttpResponse<String> failed = send(body);
    List<Sse> streamed = events(failed.body());
    assertThat(streamed.get(streamed.size() - 1).name()).as(failed.body()).isEqualTo("error");

    body.remove("stream"); // what Claude Code re-sends after a failed stream
    stack.sim.enqueue(SimReply.text("Done on the second try."));
    HttpResponse<String> retried = send(body);

    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(retried.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    JsonNode message = AnthropicE2e.json(retried.body());
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.at("/content/0/text").asText()).isEqualTo("Done on the second try.");
    assertThat(message.get("stop_reason").asText()).isEqualTo("end_turn");
    assertThat(message.at("/usage/input_tokens").asLong()).isPositive();
    assertThat(stack.sim.requestCount()).isEqualTo(2);
  }
}
