package dev.warp2api.e2e.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What of a Responses request's input and tool settings reaches Warp, read from the simulator's
 * record of the request: system and developer items, images, refusals, item references and
 * {@code tool_choice}.
 */
class ResponsesInputReachesWarpTest {
  /** A 1x1 PNG. */
  private static final String PNG =
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  @AutoClose
  private final TestStack stack = ResponsesE2e.start();

  private static ObjectNode body(ArrayNode input) {
    ObjectNode body = ResponsesE2e.JSON.createObjectNode();
    body.put("model", ResponsesE2e.MODEL);
    body.set("input", input);
    body.put("store", false);
    return body;
  }

  private static ObjectNode message(ArrayNode input, String role) {
    ObjectNode m = input.addObject();
    m.put("type", "message");
    m.put("role", role);
    return m;
  }

  private static void function(ObjectNode body, String name) {
    ObjectNode f = body.withArray("tools").addObject();
    f.put("type", "function");
    f.put("name", name);
    ObjectNode params = f.putObject("parameters");
    params.put("type", "object");
    params.putObject("properties").putObject("path").put("type", "string");
  }

  private RecordedRequest send(ObjectNode body) throws InterruptedException {
    stack.sim.enqueue(SimReply.text("Done."));
    HttpResponse<String> r = stack.post("/v1/responses", body.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode response = ResponsesE2e.parse(r.body());
    assertThat(response.get("status").asText()).isEqualTo("completed");
    return stack.sim.takeRequest();
  }

  @Test
  void systemItemsRefusalsAndImagesOfTheInputReachWarp() throws Exception {
    ArrayNode input = ResponsesE2e.JSON.createArrayNode();
    message(input, "system").put("content", "Answer in one line, system-rule-7.");
    message(input, "developer").put("content", "Prefer plain words, developer-rule-9.");
    message(input, "user").put("content", "Describe a forbidden thing.");
    message(input, "assistant")
        .putArray("content")
        .addObject()
        .put("type", "refusal")
        .put("refusal", "I cannot describe that, refusal-3.");
    ArrayNode last = message(input, "user").putArray("content");
    last.addObject().put("type", "input_text").put("text", "Then describe this picture.");
    last.addObject().put("type", "input_image").put("image_url", PNG);

    RecordedRequest seen = send(body(input));

    String wire = seen.request().toString();
    assertThat(wire)
        .contains("system-rule-7")
        .contains("developer-rule-9")
        .contains("refusal-3")
        .contains("Then describe this picture.");
    assertThat(seen.request().getInput().getContext().getImagesCount()).isEqualTo(1);
  }

  @Test
  void anItemReferenceStandsForTheEarlierItemItNames() throws Exception {
    ArrayNode input = ResponsesE2e.JSON.createArrayNode();
    message(input, "user").put("id", "msg_first").put("content", "The code word is papaya-41.");
    message(input, "assistant").put("content", "Noted.");
    input.addObject().put("type", "item_reference").put("id", "msg_first");

    RecordedRequest seen = send(body(input));

    String wire = seen.request().toString();
    assertThat(wire.split("papaya-41", -1)).hasSize(3); // the message, and the reference to it
  }

  @Test
  void anItemReferenceToNoKnownItemIsA400NamingItAndNothingReachesWarp() {
    ArrayNode input = ResponsesE2e.JSON.createArrayNode();
    message(input, "user").put("content", "Hello.");
    input.addObject().put("type", "item_reference").put("id", "msg_nowhere");

    HttpResponse<String> r = stack.post("/v1/responses", body(input).toString());

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = ResponsesE2e.parse(r.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo("input[1].id");
    assertThat(error.get("message").asText()).contains("msg_nowhere");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void toolChoiceNoneOffersWarpNoToolsAndRequiredTellsItToCallOne() throws Exception {
    ArrayNode input = ResponsesE2e.JSON.createArrayNode();
    message(input, "user").put("content", "Read the file.");
    ObjectNode none = body(input);
    function(none, "read_file");
    none.put("tool_choice", "none");

    RecordedRequest withNone = send(none);

    assertThat(withNone.request().getMcpContext().getToolsList()).isEmpty();
    assertThat(withNone.request().toString()).doesNotContain("You must call");

    ObjectNode required = body(input);
    function(required, "read_file");
    required.put("tool_choice", "required");

    RecordedRequest withRequired = send(required);

    assertThat(withRequired.request().getMcpContext().getToolsList())
        .extracting(t -> t.getName())
        .containsExactly("read_file");
    assertThat(withRequired.request().toString())
        .contains("You must call at least one of the available tools");
  }

  @Test
  void toolChoiceRequiredWithoutToolsIsA400NamingToolChoice() {
    ArrayNode input = ResponsesE2e.JSON.createArrayNode();
    message(input, "user").put("content", "Read the file.");
    ObjectNode body = body(input);
    body.put("tool_choice", "required");

    HttpResponse<String> r = stack.post("/v1/responses", body.toString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(ResponsesE2e.parse(r.body()).at("/error/param").asText()).isEqualTo("tool_choice");
    assertThat(stack.sim.requestCount()).isZero();
  }
}
