package dev.warp2api.api.responses;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolCall;
import dev.warp2api.core.Usage;

/**
 * Renders one streamed response as OpenAI's Responses events: each {@code event: <type>} plus
 * {@code data: {"type": <type>, "sequence_number": n, ...}}, n counting from 0.
 *
 * <ol>
 *   <li>{@link #head()}: {@code response.created} and {@code response.in_progress}, each with the
 *       response object (status {@code in_progress}, no output yet);
 *   <li>per output item, in order ({@code output_index} 0, 1, ...; the item's {@code id} the same
 *       in all its events): {@code response.output_item.added}, the item's own events, and
 *       {@code response.output_item.done} with the whole item. A message:
 *       {@code content_part.added}, {@code output_text.delta}..., {@code output_text.done},
 *       {@code content_part.done}. Reasoning (only when the request asked for it):
 *       {@code reasoning_summary_part.added}, {@code reasoning_summary_text.delta}...,
 *       {@code .done}, {@code reasoning_summary_part.done}, with {@code summary_index} 0. A
 *       function call: {@code function_call_arguments.delta} (Warp sends each call whole, so one
 *       delta) and {@code .done}; a custom tool call: {@code custom_tool_call_input.delta} and
 *       {@code .done}. A new kind of content closes the open item;
 *   <li>exactly one terminal event with the whole response: {@code response.completed},
 *       {@code response.incomplete} or {@code response.failed} (see {@link Terminal});
 *       {@link #error} renders a failure after the head as {@code response.failed}. No
 *       {@code [DONE]} follows.
 * </ol>
 *
 * <p>One instance per response; not thread-safe.
 */
final class ResponsesStreamRenderer implements ChatTranslation.StreamRenderer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String TEXT_DELTA = "response.output_text.delta";
  private static final String SUMMARY_DELTA = "response.reasoning_summary_text.delta";

  private enum Open {
    NONE,
    MESSAGE,
    REASONING
  }

  private final ResponseOutput output;
  private int sequence;
  private boolean ended;
  private Open open = Open.NONE;
  private String itemId;
  private int outputIndex;
  private final StringBuilder itemText = new StringBuilder();
  /**
   * The text of the open item's delta events before the sequence number, between it and the delta,
   * after it.
   */
  private String deltaHead;

  private String deltaMiddle;
  private String deltaTail;

  ResponsesStreamRenderer(ResponseOutput output) {
    this.output = output;
  }

  @Override
  public String head() {
    StringBuilder out = new StringBuilder(1024);
    ObjectNode created = start("response.created");
    created.set("response", output.response("in_progress", null, Usage.UNKNOWN));
    emit(created, out);
    ObjectNode progress = start("response.in_progress");
    progress.set("response", output.response("in_progress", null, Usage.UNKNOWN));
    emit(progress, out);
    return out.toString();
  }

  @Override
  public String onEvent(ChatEvent event) {
    StringBuilder out = new StringBuilder();
    onEvent(event, out);
    return out.toString();
  }

  @Override
  public void onEvent(ChatEvent event, StringBuilder out) {
    if (ended) {
      return;
    }
    switch (event) {
      case ChatEvent.Started s -> {}
      case ChatEvent.TextDelta t -> text(t.text(), out);
      case ChatEvent.ReasoningDelta r -> reasoning(r.text(), out);
      case ChatEvent.ToolCallEvent c -> toolCall(c.call(), out);
      case ChatEvent.Finished f ->
        finish(Terminal.of(f, output.anyOutput(), output.anyToolCall()), f.usage(), out);
    }
  }

  @Override
  public String error(GatewayException failure) {
    if (ended) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    finish(Terminal.of(failure), Usage.UNKNOWN, out);
    return out.toString();
  }

  @Override
  public String keepAlive() {
    return ": keep-alive\n\n";
  }

  private void text(String text, StringBuilder out) {
    if (text.isEmpty()) {
      return;
    }
    output.countOutput(text);
    if (open != Open.MESSAGE) {
      close(out, "completed");
      openMessage(out);
    }
    delta(text, out);
  }

  private void reasoning(String text, StringBuilder out) {
    if (text.isEmpty()) {
      return;
    }
    output.countReasoning(text);
    if (!output.request.reasoning()) {
      return; // not asked for: counted as output, not shown
    }
    if (open != Open.REASONING) {
      close(out, "completed");
      openReasoning(out);
    }
    delta(text, out);
  }

  /** The hot path: one delta event, its frame rendered once per item and only the text escaped. */
  private void delta(String text, StringBuilder out) {
    itemText.append(text);
    out.append(deltaHead).append(sequence++).append(deltaMiddle);
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append(deltaTail);
  }

  private void openMessage(StringBuilder out) {
    open = Open.MESSAGE;
    itemId = Ids.next("msg_");
    outputIndex = output.size();
    ObjectNode added = start("response.output_item.added");
    added.put("output_index", outputIndex);
    added.set("item", ResponseOutput.message(itemId, "in_progress", null));
    emit(added, out);
    ObjectNode part = start("response.content_part.added");
    part.put("item_id", itemId);
    part.put("output_index", outputIndex);
    part.put("content_index", 0);
    part.set("part", ResponseOutput.textPart(""));
    emit(part, out);
    frame(TEXT_DELTA, ",\"content_index\":0,\"delta\":\"", "\",\"logprobs\":[]}\n\n");
  }

  private void openReasoning(StringBuilder out) {
    open = Open.REASONING;
    itemId = Ids.next("rs_");
    outputIndex = output.size();
    ObjectNode added = start("response.output_item.added");
    added.put("output_index", outputIndex);
    added.set("item", ResponseOutput.reasoning(itemId, null));
    emit(added, out);
    ObjectNode part = start("response.reasoning_summary_part.added");
    part.put("item_id", itemId);
    part.put("output_index", outputIndex);
    part.put("summary_index", 0);
    part.set("part", ResponseOutput.summaryPart(""));
    emit(part, out);
    frame(SUMMARY_DELTA, ",\"summary_index\":0,\"delta\":\"", "\"}\n\n");
  }

  private void frame(String type, String beforeDelta, String tail) {
    deltaHead = "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":";
    deltaMiddle = ",\"item_id\":\"" + itemId + "\",\"output_index\":" + outputIndex + beforeDelta;
    deltaTail = tail;
  }

  /**
   * Closes the open message or reasoning item with its done events and {@code output_item.done}.
   */
  private void close(StringBuilder out, String status) {
    if (open == Open.NONE) {
      return;
    }
    String text = itemText.toString();
    ObjectNode item;
    if (open == Open.MESSAGE) {
      ObjectNode done = start("response.output_text.done");
      done.put("item_id", itemId);
      done.put("output_index", outputIndex);
      done.put("content_index", 0);
      done.put("text", text);
      done.putArray("logprobs");
      emit(done, out);
      ObjectNode part = start("response.content_part.done");
      part.put("item_id", itemId);
      part.put("output_index", outputIndex);
      part.put("content_index", 0);
      part.set("part", ResponseOutput.textPart(text));
      emit(part, out);
      item = ResponseOutput.message(itemId, status, text);
    } else {
      ObjectNode done = start("response.reasoning_summary_text.done");
      done.put("item_id", itemId);
      done.put("output_index", outputIndex);
      done.put("summary_index", 0);
      done.put("text", text);
      emit(done, out);
      ObjectNode part = start("response.reasoning_summary_part.done");
      part.put("item_id", itemId);
      part.put("output_index", outputIndex);
      part.put("summary_index", 0);
      part.set("part", ResponseOutput.summaryPart(text));
      emit(part, out);
      item = ResponseOutput.reasoning(itemId, text);
    }
    output.add(item);
    ObjectNode itemDone = start("response.output_item.done");
    itemDone.put("output_index", outputIndex);
    itemDone.set("item", item);
    emit(itemDone, out);
    open = Open.NONE;
    itemText.setLength(0);
  }

  private void toolCall(ToolCall call, StringBuilder out) {
    close(out, "completed");
    output.countOutput(call.name());
    output.countOutput(call.argumentsJson());
    boolean custom = output.isCustom(call);
    String id = Ids.next(custom ? "ctc_" : "fc_");
    int index = output.size();
    ObjectNode added = start("response.output_item.added");
    added.put("output_index", index);
    added.set("item", output.call(id, call, false));
    emit(added, out);
    ObjectNode item = output.call(id, call, true);
    String whole = custom ? item.get("input").asText() : call.argumentsJson();
    String kind = custom ? "response.custom_tool_call_input" : "response.function_call_arguments";
    ObjectNode delta = start(kind + ".delta");
    delta.put("item_id", id);
    delta.put("output_index", index);
    delta.put("delta", whole);
    emit(delta, out);
    ObjectNode done = start(kind + ".done");
    done.put("item_id", id);
    done.put("output_index", index);
    if (custom) {
      done.put("input", whole);
    } else {
      done.put("name", item.get("name").asText());
      done.put("arguments", whole);
    }
    emit(done, out);
    output.add(item);
    ObjectNode itemDone = start("response.output_item.done");
    itemDone.put("output_index", index);
    itemDone.set("item", item);
    emit(itemDone, out);
  }

  private void finish(Terminal terminal, Usage usage, StringBuilder out) {
    close(out, terminal instanceof Terminal.Completed ? "completed" : "incomplete");
    ended = true;
    ObjectNode last = start(terminal.eventType());
    last.set("response", output.finish(terminal, usage));
    emit(last, out);
  }

  private ObjectNode start(String type) {
    ObjectNode data = NODES.objectNode();
    data.put("type", type);
    data.put("sequence_number", sequence++);
    return data;
  }

  private static void emit(ObjectNode data, StringBuilder out) {
    out.append("event: ")
        .append(data.get("type").asText())
        .append("\ndata: ")
        .append(ResponseOutput.write(data))
        .append("\n\n");
  }
}
