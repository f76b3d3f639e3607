package dev.warp2api.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.FieldMask;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.warp.protocol.ResponseStreamDecoder;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One made-up chat through every step of the request path that needs no network, in each dialect:
 * parse the body, build the Warp request, decode a canned upstream stream, render it as a stream
 * and as one answer. Run once on a background thread at start-up, it loads and initialises those
 * classes (Jackson, the protobuf descriptors, the translators and renderers) while the server
 * starts, instead of during the first real request (about 0.3 s on a 2-core machine). It sends
 * nothing anywhere and touches no shared state.
 *
 * <p>Thread-safe: every call works on its own objects.
 */
final class RequestPathRehearsal {
  private static final Logger LOG = LoggerFactory.getLogger(RequestPathRehearsal.class);
  private static final String TEXT = "Hello from the start-up rehearsal.";

  private final Map<String, ChatTranslation> dialects;
  private final Function<ChatRequest, Buffer> encoder;

  /**
   * @param dialects each dialect's translation with a request body it accepts, by that body
   * @param encoder builds the serialized Warp request of a chat
   */
  RequestPathRehearsal(
      Map<String, ChatTranslation> dialects, Function<ChatRequest, Buffer> encoder) {
    this.dialects = Map.copyOf(dialects);
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** Starts {@link #run()} on a daemon thread and returns at once. */
  void startInBackground() {
    Thread t = new Thread(
        () -> {
          try {
            run();
          } catch (RuntimeException e) {
            LOG.debug("event=startup.rehearsal_failed reason={}", e.toString());
          }
        },
        "w2a-rehearsal");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /**
   * Rehearses every dialect once; returns what each rendered (stream text, then the answer), for
   * tests.
   */
  List<String> run() {
    List<String> rendered = new ArrayList<>();
    byte[] upstream = cannedStream();
    for (Map.Entry<String, ChatTranslation> d : dialects.entrySet()) {
      JsonNode body = ChatExchange.parseJson(Buffer.buffer(d.getKey()));
      for (boolean stream : new boolean[] {true, false}) {
        ChatTranslation.Parsed parsed = d.getValue().parse(stream ? withStream(body) : body);
        if (encoder.apply(parsed.chat()).length() == 0) {
          throw new IllegalStateException("the encoder built an empty request");
        }
        List<ChatEvent> events = new ResponseStreamDecoder().feed(upstream);
        if (stream) {
          ChatTranslation.StreamRenderer renderer = parsed.streamRenderer();
          StringBuilder out = new StringBuilder(renderer.head());
          events.forEach(e -> out.append(renderer.onEvent(e)));
          rendered.add(out.toString());
        } else {
          ChatTranslation.ResponseAggregator aggregator = parsed.aggregator();
          events.forEach(aggregator::accept);
          rendered.add(aggregator.json());
        }
      }
    }
    return rendered;
  }

  private static JsonNode withStream(JsonNode body) {
    ObjectNode copy = body.deepCopy();
    copy.put("stream", true);
    return copy;
  }

  /** Today's framing of a short turn: init, the first text chunk, one appended delta, finished. */
  private static byte[] cannedStream() {
    Message first = Message.newBuilder()
        .setId("m-1")
        .setTaskId("t-1")
        .setAgentOutput(Message.AgentOutput.newBuilder().setText(TEXT.substring(0, 6)))
        .build();
    Message delta = Message.newBuilder()
        .setId("m-1")
        .setTaskId("t-1")
        .setAgentOutput(Message.AgentOutput.newBuilder().setText(TEXT.substring(6)))
        .build();
    List<ResponseEvent> events = List.of(
        ResponseEvent.newBuilder()
            .setInit(
                ResponseEvent.StreamInit.newBuilder().setConversationId("c-1").setRequestId("r-1"))
            .build(),
        actions(ClientAction.newBuilder()
            .setAddMessagesToTask(
                ClientAction.AddMessagesToTask.newBuilder().setTaskId("t-1").addMessages(first))
            .build()),
        actions(ClientAction.newBuilder()
            .setAppendToMessageContent(ClientAction.AppendToMessageContent.newBuilder()
                .setTaskId("t-1")
                .setMessage(delta)
                .setMask(FieldMask.newBuilder().addPaths("agent_output.text")))
            .build()),
        ResponseEvent.newBuilder()
            .setFinished(ResponseEvent.StreamFinished.newBuilder()
                .setDone(ResponseEvent.StreamFinished.Done.getDefaultInstance()))
            .build());
    StringBuilder sse = new StringBuilder();
    for (ResponseEvent e : events) {
      sse.append("event:data\ndata:")
          .append(Base64.getUrlEncoder().encodeToString(e.toByteArray()))
          .append("\n\n");
    }
    return sse.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static ResponseEvent actions(ClientAction action) {
    return ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.newBuilder().addActions(action))
        .build();
  }
}
