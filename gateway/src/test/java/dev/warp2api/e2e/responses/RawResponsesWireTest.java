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
 * The exact event sequence of streamed Responses over raw HTTP: a text reply, a function-call
 * reply, a reasoning reply and a custom tool call.
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
  void streamedReasoningReplyIsASummaryItemThenTheMessageEachWithItsOwnIdAndIndex() {
    stack.sim.enqueue(SimReply.reasoning("Think of a greeting.", "Hello!").inDeltas(1));
    List<Event> events = stream("{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"input\":\"Hi\","
        + "\"reasoning\":{\"effort\":\"medium\",\"summary\":\"auto\"}}");

    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");

    JsonNode added = events.get(2).data();
    assertThat(added.get("output_index").asInt()).isZero();
    String reasoningId = added.at("/item/id").asText();
    assertThat(reasoningId).startsWith("rs_");
    assertThat(added.get("item").toString())
        .isEqualTo("{\"id\":\"" + reasoningId + "\",\"type\":\"reasoning\",\"summary\":[]}");
    assertThat(events.subList(3, 7)).allSatisfy(e -> {
      assertThat(e.data().get("item_id").asText()).isEqualTo(reasoningId);
      assertThat(e.data().get("output_index").asInt()).isZero();
      assertThat(e.data().get("summary_index").asInt()).isZero();
    });
    assertThat(events.get(3).data().get("part").toString())
        .isEqualTo("{\"type\":\"summary_text\",\"text\":\"\"}");
    assertThat(events.get(4).data().get("delta").asText()).isEqualTo("Think of a greeting.");
    assertThat(events.get(5).data().get("text").asText()).isEqualTo("Think of a greeting.");
    assertThat(events.get(6).data().get("part").toString())
        .isEqualTo("{\"type\":\"summary_text\",\"text\":\"Think of a greeting.\"}");
    JsonNode reasoningItem = events.get(7).data().get("item");
    assertThat(events.get(7).data().get("output_index").asInt()).isZero();
    assertThat(reasoningItem.toString())
        .isEqualTo("{\"id\":\"" + reasoningId + "\",\"type\":\"reasoning\",\"summary\":"
            + "[{\"type\":\"summary_text\",\"text\":\"Think of a greeting.\"}]}");

    JsonNode messageAdded = events.get(8).data();
    assertThat(messageAdded.get("output_index").asInt()).isEqualTo(1);
    String messageId = messageAdded.at("/item/id").asText();
    assertThat(messageId).startsWith("msg_").isNotEqualTo(reasoningId);
    assertThat(events.subList(9, 13)).allSatisfy(e -> {
      assertThat(e.data().get("item_id").asText()).isEqualTo(messageId);
      assertThat(e.data().get("output_index").asInt()).isEqualTo(1);
    });
    assertThat(events.get(10).data().get("delta").asText()).isEqualTo("Hello!");
    JsonNode messageItem = events.get(13).data().get("item");
    assertThat(events.get(13).data().get("output_index").asInt()).isEqualTo(1);
    assertThat(messageItem.get("id").asText()).isEqualTo(messageId);

    JsonNode completed = events.get(14).data().get("response");
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.get("output")).containsExactly(reasoningItem, messageItem);
    assertThat(completed.at("/usage/output_tokens_details/reasoning_tokens").asLong())
        .isPositive();
  }

  @Test
  void streamedCustomToolCallIsOneItemWithItsFreeFormInputDeltaAndDone() {
    stack.sim.enqueue(SimReply.toolCalls(List.of(
        new SimToolCall("apply_patch", "{\"input\":\"*** Begin Patch\\n*** End Patch\"}"))));
    List<Event> events = stream("{\"model\":\"claude-4-5-sonnet\",\"stream\":true,"
        + "\"input\":\"Patch it\",\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\","
        + "\"description\":\"Apply a patch\"}]}");

    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.custom_tool_call_input.delta",
            "response.custom_tool_call_input.done",
            "response.output_item.done",
            "response.completed");
    JsonNode added = events.get(2).data();
    assertThat(added.get("output_index").asInt()).isZero();
    String itemId = added.at("/item/id").asText();
    assertThat(itemId).startsWith("ctc_");
    String callId = added.at("/item/call_id").asText();
    assertThat(callId).isNotBlank();
    assertThat(added.get("item").toString())
        .isEqualTo(
            "{\"id\":\"" + itemId + "\",\"type\":\"custom_tool_call\",\"status\":\"in_progress\","
                + "\"call_id\":\"" + callId + "\",\"input\":\"\",\"name\":\"apply_patch\"}");
    assertThat(events.subList(3, 6)).allSatisfy(e -> {
      assertThat(e.data().get("output_index").asInt()).isZero();
    });
    assertThat(events.subList(3, 5))
        .allSatisfy(e -> assertThat(e.data().get("item_id").asText()).isEqualTo(itemId));
    assertThat(events.get(3).data().get("delta").asText())
        .isEqualTo("*** Begin Patch\n*** End Patch");
    assertThat(events.get(4).data().get("input").asText())
        .isEqualTo("*** Begin Patch\n*** End Patch");
    JsonNode item = events.get(5).data().get("item");
    assertThat(item.toString())
        .isEqualTo(
            "{\"id\":\"" + itemId + "\",\"type\":\"custom_tool_call\",\"status\":\"completed\","
                + "\"call_id\":\"" + callId + "\",\"input\":\"*** Begin Patch\\n*** End Patch\","
                + "\"name\":\"apply_patch\"}");
    JsonNode completed = events.get(6).data().get("response");
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.get("output")).containsExactly(item);
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
