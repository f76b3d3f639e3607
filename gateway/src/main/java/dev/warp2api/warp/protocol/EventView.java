package dev.warp2api.warp.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import java.util.List;
import java.util.Objects;

/**
 * The parts of one upstream {@code ResponseEvent} that {@link EventTranslator} reads, and nothing
 * else: read straight from the event's bytes by {@link #parse(byte[])} without building
 * protobuf-java's object tree (the generated parser costs most of the gateway's CPU per event), or
 * taken from a parsed event by {@link #of(ResponseEvent)}. Both give equal views of the same event.
 *
 * <p>What a view holds: {@code init}'s two ids; for {@code client_actions}, each action of a kind
 * the translator handles ({@code add_messages_to_task}, {@code update_task_message},
 * {@code append_to_message_content}, the three transaction markers), each message reduced to its
 * id, its kind and the text, reasoning or tool call the kind carries; the whole {@code finished}
 * event. Every other event, action kind, message kind and field is left out, as the translator
 * ignores it.
 *
 * <p>Views are immutable values; safe to share between threads.
 */
public sealed interface EventView {

  /**
   * The view of one serialised {@code ResponseEvent}. Protobuf's rules hold: unknown fields (and
   * known ones with an unexpected wire type) are skipped, the last value of a repeated scalar wins,
   * strings must be UTF-8. An event whose meaning depends on merging (a singular message sent
   * twice, a second member of a oneof) is handed to the generated parser instead, so the view is
   * always what {@code of(ResponseEvent.parseFrom(bytes))} would be.
   *
   * <p>Unlike the generated parser it does not validate the contents of fields it skips (a
   * malformed {@code create_task}, say, inside well-formed framing).
   *
   * @throws EventStreamException when the bytes are not a protobuf {@code ResponseEvent}
   */
  static EventView parse(byte[] bytes) {
    try {
      return EventViewReader.read(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw EventStreamException.notAnEvent(bytes.length);
    }
  }

  /** The view of an already parsed event. */
  static EventView of(ResponseEvent event) {
    return EventViewOfMessage.of(event);
  }

  /** {@code init}: the stream started. */
  record Init(String conversationId, String requestId) implements EventView {}

  /** {@code client_actions}: the actions of the kinds the translator handles, in order. */
  record Actions(List<Action> actions) implements EventView {
    public Actions {
      actions = List.copyOf(actions);
    }
  }

  /** {@code finished}: the whole end-of-stream event (one per stream, so parsed fully). */
  record Finished(StreamFinished finished) implements EventView {
    public Finished {
      Objects.requireNonNull(finished, "finished");
    }
  }

  /** Any other event (none set, or a kind added upstream after our schema). */
  record Other() implements EventView {
    static final Other INSTANCE = new Other();
  }

  /** One {@code ClientAction}, reduced. */
  sealed interface Action {}

  /** {@code add_messages_to_task}: whole messages. */
  record AddMessages(List<MessageView> messages) implements Action {
    public AddMessages {
      messages = List.copyOf(messages);
    }
  }

  /** {@code update_task_message}: a message replacing the parts named by the mask. */
  record Update(MessageView message, MessageMask mask) implements Action {}

  /**
   * {@code append_to_message_content}: new content to add at the end of the parts named by the
   * mask.
   */
  record Append(MessageView message, MessageMask mask) implements Action {}

  /** The transaction markers (text inside one can be rolled back). */
  enum Transaction implements Action {
    BEGIN,
    COMMIT,
    ROLLBACK
  }

  /** Any other action kind, or none set. */
  record OtherAction() implements Action {
    static final OtherAction INSTANCE = new OtherAction();
  }

  /** What a {@code Message} carries that the translator reads. */
  enum Kind {
    AGENT_OUTPUT,
    AGENT_REASONING,
    TOOL_CALL,
    OTHER
  }

  /**
   * One {@code Message}, reduced: its id, its kind, and the fields of that kind ({@code ""} or null
   * for the others).
   *
   * @param text {@code agent_output.text}
   * @param legacyReasoning {@code agent_output.reasoning} (removed upstream, still sent by 2025
   *     servers)
   * @param reasoning {@code agent_reasoning.reasoning}
   * @param toolCall {@code tool_call}, or null for other kinds
   */
  record MessageView(
      String id,
      Kind kind,
      String text,
      String legacyReasoning,
      String reasoning,
      Message.ToolCall toolCall) {
    static final MessageView EMPTY = new MessageView("", Kind.OTHER, "", "", "", null);

    public MessageView {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(legacyReasoning, "legacyReasoning");
      Objects.requireNonNull(reasoning, "reasoning");
    }
  }
}
