package dev.warp2api.cli;

import com.google.protobuf.UnknownFieldSet;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.FinishReason;
import dev.warp2api.warp.client.UpstreamFailure;
import dev.warp2api.warp.client.UpstreamFailureException;
import dev.warp2api.warp.client.UpstreamResponse;
import dev.warp2api.warp.client.WarpClient;
import dev.warp2api.warp.protocol.BuildOptions;
import dev.warp2api.warp.protocol.EventPayloads;
import dev.warp2api.warp.protocol.EventStreamException;
import dev.warp2api.warp.protocol.RequestBuilder;
import dev.warp2api.warp.protocol.ResponseStreamDecoder;
import dev.warp2api.warp.protocol.SseEventReader;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code doctor --chat}: one minimal chat turn ("Reply with the word ok", model {@code auto}) sent
 * the way the gateway sends it, its answer decoded the way the gateway decodes it, and the events
 * received counted by type. Warp's text is never printed, only how long it was.
 */
final class ChatProbe {
  /** Warp may think a while before its first event; a minimal turn is done well within this. */
  static final long TIMEOUT_SECONDS = 90;

  private ChatProbe() {}

  /**
   * What one turn gave: the events by type, the finish reason (null if none came) and the text's
   * length.
   */
  record Result(
      Map<String, Integer> eventsByType, FinishReason finish, String finishDetail, int textChars) {
    String events() {
      return eventsByType.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
    }
  }

  /**
   * Sends the turn; completes with the result, or fails with what went wrong (an
   * UpstreamFailureException).
   */
  static Result run(WarpClient client, String accessToken, BuildOptions options) throws Exception {
    ChatRequest chat = new ChatRequest(
        "auto",
        null,
        List.of(ChatMessage.User.text("Reply with the word ok.")),
        List.of(),
        null,
        null,
        false);
    Buffer body = Buffer.buffer(RequestBuilder.build(chat, options).toByteArray());
    UpstreamResponse response =
        client.send(body, accessToken).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    ResponseStreamDecoder decoder = new ResponseStreamDecoder();
    SseEventReader types = new SseEventReader();
    Map<String, Integer> byType = new LinkedHashMap<>();
    Promise<Result> done = Promise.promise();
    int[] text = {0};
    ChatEvent.Finished[] finished = {null};
    response.handler(chunk -> {
      try {
        count(types.feed(chunk), byType);
        take(decoder.feed(chunk), text, finished);
      } catch (EventStreamException e) {
        response.cancel();
        done.tryFail(new UpstreamFailureException(new UpstreamFailure.Unreadable(e.getMessage())));
      }
    });
    response.exceptionHandler(done::tryFail);
    response.endHandler(v -> {
      try {
        count(types.finish(), byType);
        take(decoder.finish(), text, finished);
        ChatEvent.Finished f = finished[0];
        done.tryComplete(new Result(
            byType, f == null ? null : f.reason(), f == null ? null : f.detail(), text[0]));
      } catch (EventStreamException e) {
        done.tryFail(new UpstreamFailureException(new UpstreamFailure.Unreadable(e.getMessage())));
      }
    });
    return done.future().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static void take(List<ChatEvent> events, int[] text, ChatEvent.Finished[] finished) {
    for (ChatEvent e : events) {
      if (e instanceof ChatEvent.TextDelta t) {
        text[0] += t.text().length();
      } else if (e instanceof ChatEvent.Finished f) {
        finished[0] = f;
      }
    }
  }

  private static void count(List<String> payloads, Map<String, Integer> byType) {
    for (String payload : payloads) {
      for (String type : types(payload)) {
        byType.merge(type, 1, Integer::sum);
      }
    }
  }

  /**
   * The type names of one event: {@code init}, {@code client_actions.<action>},
   * {@code finished.<reason>}.
   */
  static List<String> types(String payload) {
    ResponseEvent event;
    try {
      event = EventPayloads.parse(EventPayloads.bytes(payload));
    } catch (EventStreamException e) {
      return List.of("undecodable");
    }
    return switch (event.getTypeCase()) {
      case INIT -> List.of("init");
      case CLIENT_ACTIONS ->
        event.getClientActions().getActionsList().stream()
            .map(ChatProbe::action)
            .toList();
      case FINISHED ->
        List.of("finished."
            + (event.getFinished().getReasonCase()
                    == ResponseEvent.StreamFinished.ReasonCase.REASON_NOT_SET
                ? "unknown reason" + fields(event.getFinished().getUnknownFields())
                : lower(event.getFinished().getReasonCase().name())));
      case TYPE_NOT_SET -> List.of("unknown event" + fields(event.getUnknownFields()));
    };
  }

  private static String action(ClientAction a) {
    return "client_actions."
        + (a.getActionCase() == ClientAction.ActionCase.ACTION_NOT_SET
            ? "unknown action" + fields(a.getUnknownFields())
            : lower(a.getActionCase().name()));
  }

  private static String fields(UnknownFieldSet unknown) {
    return unknown.asMap().isEmpty()
        ? ""
        : " (field "
            + unknown.asMap().keySet().stream()
                .map(String::valueOf)
                .collect(Collectors.joining(", "))
            + ")";
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
