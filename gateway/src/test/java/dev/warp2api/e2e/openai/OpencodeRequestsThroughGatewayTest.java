package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * opencode's requests (as recorded from the client) work unchanged: its title call (two consecutive
 * user messages), and a follow-up with 10 JSON Schema 2020-12 tools, {@code cache_control} on
 * messages and inside {@code tool_calls} items, a {@code system} message in the middle and last,
 * {@code include_usage}.
 */
class OpencodeRequestsThroughGatewayTest {
  private static final String[] TOOLS = {
    "bash", "edit", "glob", "grep", "read", "skill", "task", "todowrite", "webfetch", "write"
  };

  @AutoClose
  private final TestStack stack = OpenAiE2e.start("API_TOKEN", "oc-key");

  private static ObjectNode base() {
    ObjectNode body = OpenAiE2e.JSON.createObjectNode();
    body.put("model", "claude-sonnet-4-5").put("max_tokens", 32000).put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    return body;
  }

  private static void message(ArrayNode messages, String role, String content, boolean cache) {
    ObjectNode m = messages.addObject().put("role", role).put("content", content);
    if (cache) {
      m.putObject("cache_control").put("type", "ephemeral");
    }
  }

  private HttpResponse<String> send(ObjectNode body) {
    return stack.post(
        "/v1/chat/completions",
        body.toString(),
        "authorization",
        "Bearer oc-key",
        "user-agent",
        "opencode/1.18.33 ai-sdk/provider-utils/4.0.23 runtime/bun/1.3.14",
        "x-session-affinity",
        "ses_123",
        "x-session-id",
        "ses_123");
  }

  @Test
  void titleCallWithTwoConsecutiveUserMessagesStreamsWithUsage() throws Exception {
    stack.sim.enqueue(SimReply.text("Greeting"));
    ObjectNode body = base();
    ArrayNode messages = body.putArray("messages");
    message(messages, "system", "You are a title generator. ".repeat(80), true);
    message(messages, "user", "Generate a title for this conversation:\n", false);
    message(messages, "user", "\"say hi\"", true);
    HttpResponse<String> r = send(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("Greeting");
    assertThat(r.body()).contains("\"choices\":[],\"usage\":{").endsWith("data: [DONE]\n\n");
    RecordedRequest seen = stack.sim.takeRequest();
    assertThat(seen.request().getInput().getUserInputs().getInputsList())
        .extracting(in -> in.getUserQuery().getQuery())
        .containsExactly("Generate a title for this conversation:\n", "\"say hi\"");
    assertThat(seen.request().getSettings().getModelConfig().getBase())
        .isEqualTo("claude-4-5-sonnet");
  }

  @Test
  @SuppressWarnings("deprecation") // mcp_context.tools, the form the gateway sends by default
  void followUpWithTenToolsCacheHintsAndTrailingSystemMessageSendsTheToolResultAsInput()
      throws Exception {
    stack.sim.enqueue(SimReply.text("Done."));
    ObjectNode body = base();
    body.put("tool_choice", "auto");
    ArrayNode tools = body.putArray("tools");
    for (String name : TOOLS) {
      ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
      fn.put("name", name).put("description", "The " + name + " tool. ".repeat(20));
      ObjectNode schema = fn.putObject("parameters");
      schema
          .put("$schema", "https://json-schema.org/draft/2020-12/schema")
          .put("type", "object")
          .put("additionalProperties", false);
      ObjectNode props = schema.putObject("properties");
      props
          .putObject("x")
          .put("type", "integer")
          .put("minimum", -9007199254740991L)
          .put("maximum", 9007199254740991L);
      props.putObject("path").put("type", "string").put("description", "Absolute path");
      schema.putArray("required").add("x");
    }
    ArrayNode messages = body.putArray("messages");
    message(messages, "system", "You are opencode. ".repeat(500), true);
    message(messages, "user", "run the bash tool", true);
    ObjectNode assistant = messages.addObject().put("role", "assistant").put("content", "");
    ObjectNode call =
        assistant.putArray("tool_calls").addObject().put("id", "toolu_01").put("type", "function");
    call.putObject("function").put("name", "bash").put("arguments", "{\"x\":1}");
    call.putObject("cache_control").put("type", "ephemeral");
    ObjectNode result = messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", "toolu_01")
        .put("content", "Error: command not found");
    result.putObject("cache_control").put("type", "ephemeral");
    message(messages, "system", "Reminder: be concise.", false);

    HttpResponse<String> r = send(body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(SseBodies.openAiText(r.body())).isEqualTo("Done.");
    assertThat(r.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");

    RecordedRequest seen = stack.sim.takeRequest();
    assertThat(seen.request().getInput().getUserInputs().getInputsList())
        .singleElement()
        .satisfies(in -> {
          assertThat(in.getToolCallResult().getToolCallId()).isEqualTo("toolu_01");
          assertThat(in.getToolCallResult()
                  .getCallMcpTool()
                  .getSuccess()
                  .getResults(0)
                  .getText()
                  .getText())
              .isEqualTo("Error: command not found");
        });
    var history = seen.request().getTaskContext().getTasks(0).getMessagesList();
    String system = history
        .get(0)
        .getUserQuery()
        .getReferencedAttachmentsOrThrow("SYSTEM_PROMPT")
        .getPlainText();
    assertThat(system).contains("You are opencode. ").endsWith("Reminder: be concise.");
    assertThat(history)
        .anySatisfy(m -> assertThat(m.getToolCall().getCallMcpTool().getName()).isEqualTo("bash"));
    assertThat(seen.request().getMcpContext().getToolsList())
        .extracting(t -> t.getName())
        .containsExactly(TOOLS);
    assertThat(seen.request()
            .getMcpContext()
            .getTools(0)
            .getInputSchema()
            .getFieldsOrThrow("properties")
            .getStructValue()
            .getFieldsOrThrow("x")
            .getStructValue()
            .getFieldsOrThrow("maximum")
            .getNumberValue())
        .isEqualTo(9007199254740991d);
  }
}
