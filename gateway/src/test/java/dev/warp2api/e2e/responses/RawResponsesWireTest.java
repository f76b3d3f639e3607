package dev.warp2api.e2e.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.e2e.responses.ResponsesE2e.Event;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimToolCall;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The exact event sequence of streamed Responses over raw HTTP: a text reply and a tool-call reply.
 */
class RawResponsesWireTest {
  @AutoClose
  private final TestStack stack = ResponsesE2e.start();

  private List<Event> stream(String body) {
    HttpResponse<String> r = stack.post("/v1/responses", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<Event> events = ResponsesE2e.events(r.body());
    assertThat(events).allSatisfy(e -> assertThat(e.name()).isEqualTo(e.type()));
    assertThat(events)
        .extracting(e -> e.data().get("sequence_number").asInt())
        .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
    assertThat(r.body()).doesNotContain("[DONE]");
    return events;
  }

  @Test
  void streamedTextReplyIsCreatedInProgressOneMessageItemAndCompleted() {
    stack.sim.enqueue(SimReply.text("Hello there, friend.").inDeltas(3));
    List<Event> events =
        stream("{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"input\":\"Hi\"}");

    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    JsonNode created = events.get(0).data().get("response");
    assertThat(created.get("status").asText()).isEqualTo("in_progress");
    assertThat(created.get("output")).isEmpty();
    String responseId = created.get("id").asText();
    assertThat(responseId).startsWith("resp_");

    JsonNode added = events.get(2).data();
    assertThat(added.get("output_index").asInt()).isZero();
    String itemId = added.at("/item/id").asText();
    assertThat(itemId).startsWith("msg_");
    assertThat(added.at("/item/status").asText()).isEqualTo("in_progress");
    assertThat(events.subList(3, 9)).allSatisfy(e -> {
      assertThat(e.data().get("item_id").asText()).isEqualTo(itemId);
      assertThat(e.data().get("output_index").asInt()).isZero();
      assertThat(e.data().get("content_index").asInt()).isZero();
    });
    assertThat(events.subList(4, 7))
        .extracting(e -> e.data().get("delta").asText())
        .containsExactly("Hello ", "there, ", "friend.");
    assertThat(events.get(7).data().get("text").asText()).isEqualTo("Hello there, friend.");
    assertThat(events.get(8).data().at("/part/text").asText()).isEqualTo("Hello there, friend.");
    JsonNode doneItem = events.get(9).data().get("item");
    assertThat(doneItem.toString())
        .isEqualTo("{\"id\":\"" + itemId + "\",\"type\":\"message\",\"status\":\"completed\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],"
            + "\"text\":\"Hello there, friend.\"}]}");

    JsonNode completed = events.get(10).data().get("response");
    assertThat(completed.get("id").asText()).isEqualTo(responseId);
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.get("output")).containsExactly(doneItem);
    JsonNode usage = completed.get("usage");
    assertThat(usage.get("input_tokens").asLong()).isPositive();
    assertThat(usage.at("/input_tokens_details/cached_tokens").isIntegralNumber())
        .isTrue();
    assertThat(usage.get("output_tokens").asLong()).isPositive();
    assertThat(usage.at("/output_tokens_details/reasoning_tokens").isIntegralNumber())
        .isTrue();
    assertThat(usage.get("total_tokens").asLong())
        .isEqualTo(
            usage.get("input_tokens").asLong() + usage.get("output_tokens").asLong());
  }

  @Test
  void streamedToolCallReplyIsAMessageThenAFunctionCallItemWithItsArguments() {
    stack.sim.enqueue(SimReply.toolCalls(
            "Checking.", List.of(new SimToolCall("get_weather", "{\"city\":\"Paris\"}")))
        .inDeltas(1));
    List<Event> events =
        stream("{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"input\":\"Weather in Paris?\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}}},\"strict\":true}]}");

    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    JsonNode added = events.get(8).data();
    assertThat(added.get("output_index").asInt()).isEqualTo(1);
    String itemId = added.at("/item/id").asText();
    assertThat(itemId).startsWith("fc_");
    assertThat(added.at("/item/type").asText()).isEqualTo("function_call");
    assertThat(added.at("/item/name").asText()).isEqualTo("get_weather");
    assertThat(added.at("/item/arguments").asText()).isEmpty();
    String callId = added.at("/item/call_id").asText();
    assertThat(callId).isNotBlank();
    assertThat(events.get(9).data().get("delta").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(events.get(10).data().get("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(events.subList(9, 12))
        .allSatisfy(e -> assertThat(e.data().get("output_index").asInt()).isEqualTo(1));
    assertThat(events.subList(9, 11))
        .allSatisfy(e -> assertThat(e.data().get("item_id").asText()).isEqualTo(itemId));
    JsonNode item = events.get(11).data().get("item");
    assertThat(item.toString())
        .isEqualTo("{\"id\":\"" + itemId + "\",\"type\":\"function_call\",\"status\":\"completed\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\",\"call_id\":\"" + callId
            + "\",\"name\":\"get_weather\"}");
    JsonNode completed = events.get(12).data().get("response");
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.get("output")).hasSize(2);
    assertThat(completed.get("output").get(1)).isEqualTo(item);
  }

  @Test
  void nonStreamedReplyIsTheResponseObjectWithOutputText() {
    stack.sim.enqueue(SimReply.text("Hello there."));
    HttpResponse<String> r =
        stack.post("/v1/responses", "{\"model\":\"claude-4-5-sonnet\",\"input\":\"Hi\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = ResponsesE2e.parse(r.body());
    assertThat(body.get("object").asText()).isEqualTo("response");
    assertThat(body.get("status").asText()).isEqualTo("completed");
    assertThat(body.get("output_text").asText()).isEqualTo("Hello there.");
    assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("Hello there.");
    assertThat(body.get("store").asBoolean()).isTrue();
  }
}
