package dev.warp2api.api.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.Ending;
import dev.warp2api.core.ToolCall;

/**
 * Collects one non-streamed response into the response object the stream's terminal event would
 * carry, plus the SDKs' {@code output_text} convenience (all message text joined). A turn that ends
 * {@code incomplete} or {@code failed} after its first content is answered 200 with that status, as
 * in a stream; failures before any content reach the client as HTTP errors (the pipeline reports
 * them). One instance per response; not thread-safe.
 */
final class ResponsesAggregator implements ChatTranslation.ResponseAggregator {
  private final ResponseOutput output;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final StringBuilder allText = new StringBuilder();
  private ObjectNode result;

  ResponsesAggregator(ResponseOutput output) {
    this.output = output;
  }

  @Override
  public void accept(ChatEvent event) {
    if (result != null) {
      throw new IllegalStateException("the turn has finished");
    }
    switch (event) {
      case ChatEvent.Started s -> {}
      case ChatEvent.TextDelta t -> {
        flushReasoning();
        output.countOutput(t.text());
        text.append(t.text());
      }
      case ChatEvent.ReasoningDelta r -> {
        output.countReasoning(r.text());
        if (output.request.reasoning() && !r.text().isEmpty()) {
          flushText();
          reasoning.append(r.text());
        }
      }
      case ChatEvent.ToolCallEvent c -> {
        flush();
        ToolCall call = c.call();
        output.countOutput(call.name());
        output.countOutput(call.argumentsJson());
        output.add(output.call(Ids.next(output.isCustom(call) ? "ctc_" : "fc_"), call, true));
      }
      case ChatEvent.Finished f -> {
        flush();
        result = output.finish(Terminal.of(f, output.anyOutput(), output.anyToolCall()), f.usage());
      }
    }
  }

  private void flush() {
    flushReasoning();
    flushText();
  }

  private void flushText() {
    if (!text.isEmpty()) {
      output.add(ResponseOutput.message(Ids.next("msg_"), "completed", text.toString()));
      allText.append(text);
      text.setLength(0);
    }
  }

  private void flushReasoning() {
    if (!reasoning.isEmpty()) {
      output.add(ResponseOutput.reasoning(Ids.next("rs_"), reasoning.toString()));
      reasoning.setLength(0);
    }
  }

  @Override
  public String json() {
    if (result == null) {
      throw new Ending.UpstreamFailed(0, "Warp's stream ended before the turn finished").error();
    }
    ObjectNode body = result.deepCopy();
    body.put("output_text", allText.toString());
    return ResponseOutput.write(body);
  }
}
