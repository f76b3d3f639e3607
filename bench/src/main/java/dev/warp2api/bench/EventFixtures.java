package dev.warp2api.bench;

import com.google.protobuf.FieldMask;
import dev.warp2api.api.ChatTranslation;
import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.RequestJson;
import dev.warp2api.api.anthropic.AnthropicStreamRenderer;
import dev.warp2api.api.openai.OpenAiStreamRenderer;
import dev.warp2api.api.openai.ResponseIdentity;
import dev.warp2api.api.responses.ResponseStore;
import dev.warp2api.api.responses.ResponsesApi;
import dev.warp2api.config.ResponseStoreLimits;
import dev.warp2api.warp.protocol.pb.AgentType;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.UserQueryMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/**
 * The upstream events and client renderers the event benchmarks share, built the way a real stream
 * has them (docs/PROTOCOL.md, 'Event framing'): a text chunk is a {@code client_actions} event with
 * one {@code append_to_message_content} of an {@code agent_output} message under the mask
 * {@code agent_output.text}, framed as {@code event:data}, {@code data:<padded base64url>}, blank
 * line.
 *
 * <p>Immutable values and factories; safe from any thread.
 */
final class EventFixtures {
  /** A typical model chunk: a dozen characters, one outside ASCII. */
  static final String DELTA_TEXT = "Hello, wörld";

  static final String TASK_ID = "8d4bd0b5-5e8b-4b53-9c0a-3f2a1c7e9d10";
  static final String MESSAGE_ID = "b6f8e1c2-7a3d-4e59-8f10-2c4d6e8a0b13";
  static final String MODEL = "claude-4-5-sonnet";

  private EventFixtures() {}

  /** The upstream event carrying {@link #DELTA_TEXT} as an append to the answer message. */
  static ResponseEvent textDeltaEvent() {
    Message message = Message.newBuilder()
        .setId(MESSAGE_ID)
        .setTaskId(TASK_ID)
        .setAgentOutput(Message.AgentOutput.newBuilder().setText(DELTA_TEXT))
        .build();
    ClientAction append = ClientAction.newBuilder()
        .setAppendToMessageContent(ClientAction.AppendToMessageContent.newBuilder()
            .setTaskId(TASK_ID)
            .setMessage(message)
            .setMask(FieldMask.newBuilder().addPaths("agent_output.text")))
        .build();
    return ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.newBuilder().addActions(append))
        .build();
  }

  /**
   * The upstream event opening the answer message with {@link #DELTA_TEXT} (a stream's first text
   * chunk).
   */
  static ResponseEvent textOpeningEvent() {
    Message message = Message.newBuilder()
        .setId(MESSAGE_ID)
        .setTaskId(TASK_ID)
        .setAgentOutput(Message.AgentOutput.newBuilder().setText(DELTA_TEXT))
        .build();
    ClientAction add = ClientAction.newBuilder()
        .setAddMessagesToTask(
            ClientAction.AddMessagesToTask.newBuilder().setTaskId(TASK_ID).addMessages(message))
        .build();
    return ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.newBuilder().addActions(add))
        .build();
  }

  /**
   * A non-delta event: {@code add_messages_to_task} echoing the user's query back (today's fourth
   * event, docs/PROTOCOL.md 'Event sequence'), a message kind the translator reads only the id of.
   */
  static ResponseEvent echoEvent() {
    Message echo = Message.newBuilder()
        .setId("4a1c9e7b-2d3f-4b6a-8c5e-9f0a1b2c3d4e")
        .setTaskId(TASK_ID)
        .setServerMessageData("GgsIyp_TywYQg47ueA==")
        .setUserQuery(Message.UserQuery.newBuilder()
            .setQuery("Summarise the design of the event decoder in three sentences, please.")
            .setMode(UserQueryMode.getDefaultInstance())
            .setIntendedAgent(AgentType.AGENT_TYPE_PRIMARY))
        .build();
    ClientAction add = ClientAction.newBuilder()
        .setAddMessagesToTask(
            ClientAction.AddMessagesToTask.newBuilder().setTaskId(TASK_ID).addMessages(echo))
        .build();
    return ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.newBuilder().addActions(add))
        .build();
  }

  /** The payload text of one {@code data:} line: padded base64url of the event's bytes. */
  static String payload(ResponseEvent event) {
    return Base64.getUrlEncoder().encodeToString(event.toByteArray());
  }

  /** One whole SSE event as it arrives on the wire, in today's framing. */
  static byte[] sseFrame(ResponseEvent event) {
    return ("event:data\ndata:" + payload(event) + "\n\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** A renderer for a streamed OpenAI chat completion without {@code include_usage}. */
  static OpenAiStreamRenderer openAiRenderer() {
    return new OpenAiStreamRenderer(
        new ResponseIdentity("chatcmpl-benchbenchbenchbenchbenc", 1_763_769_600L),
        MODEL,
        false,
        1200);
  }

  /**
   * A renderer for a streamed OpenAI Responses answer ({@code store: false}, so nothing is kept),
   * its {@code response.created} / {@code response.in_progress} head already taken.
   */
  static ChatTranslation.StreamRenderer responsesRenderer() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_763_769_600L), ZoneOffset.UTC);
    ResponsesApi api = new ResponsesApi(
        new ModelCatalog(Map.of()),
        new ResponseStore(null, ResponseStoreLimits.DEFAULTS, clock),
        clock);
    ChatTranslation.StreamRenderer renderer = api.translation("bench")
        .parse(RequestJson.tree(
            ("{\"model\":\"" + MODEL + "\",\"stream\":true,\"store\":false,\"input\":\"Hi\"}")
                .getBytes(StandardCharsets.UTF_8)))
        .streamRenderer();
    renderer.head();
    return renderer;
  }

  /** A renderer for a streamed Anthropic message, its {@code message_start} already taken. */
  static AnthropicStreamRenderer anthropicRenderer() {
    AnthropicStreamRenderer renderer =
        new AnthropicStreamRenderer(MODEL, () -> "msg_01BenchBenchBenchBenchBe");
    renderer.start(1200);
    return renderer;
  }
}
