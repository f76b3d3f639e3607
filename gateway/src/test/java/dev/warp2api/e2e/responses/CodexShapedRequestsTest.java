package dev.warp2api.e2e.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.e2e.responses.ResponsesE2e.Event;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.TestStack;
import dev.warp2api.warp.protocol.pb.Message;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A replay of what Codex CLI sends ({@code wire_api = "responses"}, {@code store: false}): its
 * prompt as two developer messages and no {@code instructions}, nine tools (seven functions, a
 * {@code namespace} of two, a built-in {@code web_search}), {@code reasoning: {"summary":"auto"}},
 * Codex's headers; then the next turn with its reasoning and function_call items sent back before
 * the call's output. What reaches Warp is checked, and the stream carries what Codex's parser
 * reads.
 */
class CodexShapedRequestsTest {
  private static final String[] FUNCTIONS = {
    "exec_command",
    "write_stdin",
    "request_user_input",
    "view_image",
    "get_goal",
    "create_goal",
    "update_goal"
  };
  private static final String[] HEADERS = {
    "accept",
    "text/event-stream",
    "originator",
    "codex_exec",
    "user-agent",
    "codex_exec/0.169.0 (Debian 12.0.0; x86_64)",
    "session-id",
    "0199a0b1-5c3e-7d10-9f00-000000000001",
    "x-client-request-id",
    "0199a0b1-5c3e-7d10-9f00-000000000001",
    "x-codex-beta-features",
    "remote_compaction_v2",
    "authorization",
    "Bearer codex-key"
  };

  @AutoClose
  private final TestStack stack = ResponsesE2e.start();

  private static ObjectNode message(ArrayNode input, String role, String text) {
    ObjectNode m = input.addObject();
    m.put("type", "message");
    m.put("role", role);
    m.putArray("content").addObject().put("type", "input_text").put("text", text);
    return m;
  }

  private static ObjectNode function(ArrayNode tools, String name) {
    ObjectNode f = tools.addObject();
    f.put("type", "function");
    f.put("name", name);
    f.put("description", "Codex tool " + name);
    f.put("strict", false);
    ObjectNode params = f.putObject("parameters");
    params.put("type", "object");
    params.putObject("properties").putObject("arg").put("type", "string");
    params.put("additionalProperties", false);
    return f;
  }

  private static ObjectNode codexBody(ArrayNode input) {
    ObjectNode body = ResponsesE2e.JSON.createObjectNode();
    body.put("model", "claude-4-5-sonnet");
    body.set("input", input);
    ArrayNode tools = body.putArray("tools");
    for (String name : FUNCTIONS) {
      function(tools, name);
    }
    ObjectNode ns = tools.addObject();
    ns.put("type", "namespace");
    ns.put("name", "multi_agent_v1");
    ns.put("description", "Sub-agents");
    ArrayNode nested = ns.putArray("tools");
    function(nested, "spawn_agent");
    function(nested, "wait_agent");
    tools.addObject().put("type", "web_search").put("external_web_access", false);
    body.put("tool_choice", "auto");
    body.put("parallel_tool_calls", true);
    body.putObject("reasoning").put("summary", "auto");
    body.put("store", false);
    body.put("stream", true);
    body.putArray("include").add("reasoning.encrypted_content");
    body.put("prompt_cache_key", "0199a0b1-5c3e-7d10-9f00-000000000001");
    body.putObject("client_metadata").put("session_id", "0199a0b1-5c3e-7d10-9f00-000000000001");
    return body;
  }

  private static ArrayNode firstInput() {
    ArrayNode input = ResponsesE2e.JSON.createArrayNode();
    message(
        input, "developer", "You are Codex, a coding agent. " + "Follow the rules. ".repeat(1000));
    message(input, "developer", "<skills>none</skills>");
    message(input, "user", "<environment_context><cwd>/work</cwd></environment_context>");
    message(input, "user", "List the files.");
    return input;
  }

  private List<Event> post(ObjectNode body) {
    HttpResponse<String> r = stack.post("/v1/responses", body.toString(), HEADERS);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Event> events = ResponsesE2e.events(r.body());
    assertThat(events).allSatisfy(e -> assertThat(e.data().has("type")).isTrue());
    return events;
  }

  @Test
  void codexTurnReachesWarpWithTheDeveloperPromptAndOnlyTheCallableTools() throws Exception {
    stack.sim.enqueue(
        SimReply.toolCalls(List.of(new SimToolCall("exec_command", "{\"arg\":\"ls\"}"))));
    List<Event> events = post(codexBody(firstInput()));

    RecordedRequest seen = stack.sim.takeRequest();
    String wire = seen.request().toString();
    assertThat(wire).contains("You are Codex, a coding agent.").contains("<skills>none</skills>");
    assertThat(seen.request().getMcpContext().getToolsList())
        .extracting(t -> t.getName())
        .containsExactly(
            "exec_command",
            "write_stdin",
            "request_user_input",
            "view_image",
            "get_goal",
            "create_goal",
            "update_goal",
            "multi_agent_v1__spawn_agent",
            "multi_agent_v1__wait_agent");
    assertThat(seen.request().getInput().getUserInputs().getInputsList()).isNotEmpty();
    assertThat(wire).contains("List the files.").contains("<environment_context>");

    Event completed = events.get(events.size() - 1);
    assertThat(completed.type()).isEqualTo("response.completed");
    JsonNode usage = completed.data().at("/response/usage");
    assertThat(usage.has("input_tokens") && usage.has("output_tokens") && usage.has("total_tokens"))
        .isTrue();
    assertThat(usage.at("/input_tokens_details/cached_tokens").isNumber()).isTrue();
    assertThat(usage.at("/output_tokens_details/reasoning_tokens").isNumber()).isTrue();
    JsonNode call =
        completed.data().at("/response/output").findParents("call_id").get(0);
    assertThat(call.get("name").asText()).isEqualTo("exec_command");
  }

  @Test
  void codexFollowUpSendsReasoningAndTheCallBackAndTheOutputBecomesWarpsInput() throws Exception {
    ArrayNode input = firstInput();
    ObjectNode reasoning = input.addObject();
    reasoning.put("type", "reasoning");
    reasoning.put("id", "rs_1");
    reasoning
        .putArray("summary")
        .addObject()
        .put("type", "summary_text")
        .put("text", "Listing needs a shell.");
    reasoning.putNull("content");
    reasoning.putNull("encrypted_content");
    ObjectNode call = input.addObject();
    call.put("type", "function_call");
    call.put("status", "completed");
    call.put("id", "fc_1");
    call.put("name", "spawn_agent");
    call.put("namespace", "multi_agent_v1");
    call.put("arguments", "{\"arg\":\"ls\"}");
    call.put("call_id", "call_abc");
    ObjectNode output = input.addObject();
    output.put("type", "function_call_output");
    output.put("id", "fco_1");
    output.put("call_id", "call_abc");
    output.put("output", "a.txt\nb.txt");
    stack.sim.enqueue(SimReply.text("Two files: a.txt and b.txt."));
    List<Event> events = post(codexBody(input));
    assertThat(events.get(events.size() - 1).type()).isEqualTo("response.completed");

    RecordedRequest seen = stack.sim.takeRequest();
    List<Message> history = seen.request().getTaskContext().getTasks(0).getMessagesList();
    assertThat(history)
        .anySatisfy(m ->
            assertThat(m.getAgentReasoning().getReasoning()).isEqualTo("Listing needs a shell."));
    assertThat(history).filteredOn(Message::hasToolCall).singleElement().satisfies(m -> {
      assertThat(m.getToolCall().getToolCallId()).isEqualTo("call_abc");
      assertThat(m.getToolCall().getCallMcpTool().getName())
          .isEqualTo("multi_agent_v1__spawn_agent");
    });
    assertThat(seen.request().getInput().getUserInputs().getInputsList())
        .singleElement()
        .satisfies(in -> {
          assertThat(in.getToolCallResult().getToolCallId()).isEqualTo("call_abc");
          assertThat(in.getToolCallResult()
                  .getCallMcpTool()
                  .getSuccess()
                  .getResults(0)
                  .getText()
                  .getText())
              .isEqualTo("a.txt\nb.txt");
        });
  }
}
