package dev.warp2api.warp.protocol;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.warp2api.warp.protocol.EventView.Action;
import dev.warp2api.warp.protocol.EventView.Kind;
import dev.warp2api.warp.protocol.EventView.MessageView;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventView#parse(byte[])}: walks an event's bytes with a {@link CodedInputStream}, reading
 * only the paths the translator needs and skipping everything else without allocating. Field
 * numbers: response.proto and task.proto (docs/PROTOCOL.md, 'Events'). Tags are matched whole
 * (number and wire type), as protobuf-java's generated code does, so a known number with another
 * wire type is an unknown field. Where protobuf would merge (a singular message or a oneof seen
 * twice) the walk stops and the generated parser decides. Pure.
 */
final class EventViewReader {
  private EventViewReader() {}

  private static final ExtensionRegistryLite NO_EXTENSIONS =
      ExtensionRegistryLite.getEmptyRegistry();
  /**
   * Where what the walk does not know is counted (only on the unknown paths: known fields cost
   * nothing more).
   */
  private static final UpstreamDrift DRIFT = UpstreamDrift.global();
  /** The highest {@code Message} field number of our schema ({@code fetched_memories}). */
  private static final int MESSAGE_MAX_FIELD = 29;

  /** Thrown (without a stack trace) where only protobuf's merge rules know the answer. */
  private static final class NeedsMerge extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NeedsMerge INSTANCE = new NeedsMerge();

    private NeedsMerge() {
      super("needs the generated parser", null, false, false);
    }
  }

  /** @throws InvalidProtocolBufferException when the bytes are not a {@code ResponseEvent} */
  static EventView read(byte[] bytes) throws InvalidProtocolBufferException {
    try {
      return event(CodedInputStream.newInstance(bytes));
    } catch (NeedsMerge e) {
      return EventView.of(ResponseEvent.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
  }

  private static EventView event(CodedInputStream in) throws IOException {
    EventView view = EventView.Other.INSTANCE;
    boolean set = false;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 1 << 3 | 2 -> {
          set = once(set);
          view = init(in);
        }
        case 2 << 3 | 2 -> {
          set = once(set);
          view = actions(in);
        }
        case 3 << 3 | 2 -> {
          set = once(set);
          view = new EventView.Finished(in.readMessage(StreamFinished.parser(), NO_EXTENSIONS));
        }
        default -> {
          if (tag >>> 3 > 3) {
            DRIFT.unknownField(UpstreamDrift.Kind.EVENT, "ResponseEvent", tag >>> 3);
          }
          skip(in, tag);
        }
      }
    }
    return view;
  }

  private static EventView init(CodedInputStream in) throws IOException {
    int outer = enter(in);
    String conversationId = "";
    String requestId = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 1 << 3 | 2 -> conversationId = in.readStringRequireUtf8();
        case 2 << 3 | 2 -> requestId = in.readStringRequireUtf8();
        default -> skip(in, tag);
      }
    }
    in.popLimit(outer);
    return new EventView.Init(conversationId, requestId);
  }

  private static EventView actions(CodedInputStream in) throws IOException {
    int outer = enter(in);
    Action first = null;
    List<Action> more = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != (1 << 3 | 2)) {
        skip(in, tag);
      } else if (first == null) {
        first = action(in);
      } else {
        if (more == null) {
          more = new ArrayList<>(4);
          more.add(first);
        }
        more.add(action(in));
      }
    }
    in.popLimit(outer);
    return new EventView.Actions(more != null ? more : first != null ? List.of(first) : List.of());
  }

  /** A {@code ClientAction}: its {@code action} oneof has members 1 to 14. */
  private static Action action(CodedInputStream in) throws IOException {
    int outer = enter(in);
    Action action = EventView.OtherAction.INSTANCE;
    boolean set = false;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int number = tag >>> 3;
      if ((tag & 7) != 2 || number > 14) {
        if (number > 14) {
          DRIFT.unknownField(UpstreamDrift.Kind.ACTION, "ClientAction", number);
        }
        skip(in, tag);
        continue;
      }
      set = once(set);
      switch (number) {
        case 3 -> action = addMessages(in);
        case 4 -> action = change(in, false);
        case 5 -> action = change(in, true);
        case 9, 10, 11 -> {
          skip(in, tag); // empty messages
          action = number == 9
              ? EventView.Transaction.BEGIN
              : number == 10 ? EventView.Transaction.COMMIT : EventView.Transaction.ROLLBACK;
        }
        default -> {
          if (number == 2) {
            DRIFT.deprecated(
                UpstreamDrift.Kind.ACTION,
                "ClientAction",
                "update_task_status (field 2, removed 2025-10)");
          }
          skip(in, tag);
          action = EventView.OtherAction.INSTANCE;
        }
      }
    }
    in.popLimit(outer);
    return action;
  }

  private static Action addMessages(CodedInputStream in) throws IOException {
    int outer = enter(in);
    MessageView first = null;
    List<MessageView> more = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag != (2 << 3 | 2)) {
        skip(in, tag);
      } else if (first == null) {
        first = message(in);
      } else {
        if (more == null) {
          more = new ArrayList<>(4);
          more.add(first);
        }
        more.add(message(in));
      }
    }
    in.popLimit(outer);
    return new EventView.AddMessages(
        more != null ? more : first != null ? List.of(first) : List.of());
  }

  /** {@code update_task_message} or {@code append_to_message_content}: message 1, mask 2. */
  private static Action change(CodedInputStream in, boolean append) throws IOException {
    int outer = enter(in);
    MessageView message = null;
    MessageMask mask = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case 1 << 3 | 2 -> {
          once(message != null);
          message = message(in);
        }
        case 2 << 3 | 2 -> {
          once(mask != null);
          mask = mask(in);
        }
        default -> skip(in, tag);
      }
    }
    in.popLimit(outer);
    message = message == null ? MessageView.EMPTY : message;
    mask = mask == null ? MessageMask.ALL : mask;
    return append ? new EventView.Append(message, mask) : new EventView.Update(message, mask);
  }

  /** A {@code google.protobuf.FieldMask}: repeated string paths = 1 (none: the whole message). */
  private static MessageMask mask(CodedInputStream in) throws IOException {
    int outer = enter(in);
    MessageMask mask = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == (1 << 3 | 2)) {
        MessageMask path = MessageMask.ofPath(in.readStringRequireUtf8());
        mask = mask == null ? path : mask.or(path);
      } else {
        skip(in, tag);
      }
    }
    in.popLimit(outer);
    return mask == null ? MessageMask.ALL : mask;
  }

  /** A {@code Message}: id 1; oneof {@code message} members 2–6, 9, 10 and 15–28. */
  private static MessageView message(CodedInputStream in) throws IOException {
    int outer = enter(in);
    String id = "";
    Kind kind = Kind.OTHER;
    String text = "";
    String legacyReasoning = "";
    String reasoning = "";
    Message.ToolCall toolCall = null;
    boolean set = false;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == (1 << 3 | 2)) {
        id = in.readStringRequireUtf8();
        continue;
      }
      if (!isMessageMember(tag)) {
        noteMessageField(tag >>> 3);
        skip(in, tag);
        continue;
      }
      set = once(set);
      switch (tag >>> 3) {
        case 3 -> {
          kind = Kind.AGENT_OUTPUT;
          int inner = enter(in);
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (t) {
              case 1 << 3 | 2 -> text = in.readStringRequireUtf8();
              case 2 << 3 | 2 -> {
                legacyReasoning = in.readStringRequireUtf8();
                DRIFT.deprecated(
                    UpstreamDrift.Kind.MESSAGE,
                    "Message.agent_output",
                    "reasoning (field 2, removed 2025-09)");
              }
              default -> skip(in, t);
            }
          }
          in.popLimit(inner);
        }
        case 15 -> {
          kind = Kind.AGENT_REASONING;
          int inner = enter(in);
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            if (t == (1 << 3 | 2)) {
              reasoning = in.readStringRequireUtf8();
            } else {
              skip(in, t);
            }
          }
          in.popLimit(inner);
        }
        case 4 -> {
          kind = Kind.TOOL_CALL;
          toolCall = in.readMessage(Message.ToolCall.parser(), NO_EXTENSIONS);
        }
        default -> skip(in, tag);
      }
    }
    in.popLimit(outer);
    return new MessageView(id, kind, text, legacyReasoning, reasoning, toolCall);
  }

  /**
   * A {@code Message} field that is not a member of its {@code message} oneof: known ones are 1, 7,
   * 8, 11, 13, 14 and 29; 12 ({@code started_child_task}) was removed in 2025-10; above 29 is newer
   * than our schema.
   */
  private static void noteMessageField(int number) {
    if (number > MESSAGE_MAX_FIELD) {
      DRIFT.unknownField(UpstreamDrift.Kind.MESSAGE, "Message", number);
    } else if (number == 12) {
      DRIFT.deprecated(
          UpstreamDrift.Kind.MESSAGE, "Message", "started_child_task (field 12, removed 2025-10)");
    }
  }

  private static boolean isMessageMember(int tag) {
    int number = tag >>> 3;
    return (tag & 7) == 2
        && (number >= 2 && number <= 6
            || number == 9
            || number == 10
            || number >= 15 && number <= 28);
  }

  /** Marks a singular field or oneof as seen; a second sighting needs protobuf's merge rules. */
  private static boolean once(boolean alreadySet) {
    if (alreadySet) {
      throw NeedsMerge.INSTANCE;
    }
    return true;
  }

  /** Enters a length-delimited submessage; returns the limit to restore with {@code popLimit}. */
  private static int enter(CodedInputStream in) throws IOException {
    return in.pushLimit(in.readRawVarint32());
  }

  private static void skip(CodedInputStream in, int tag) throws IOException {
    if (!in.skipField(tag)) {
      throw new InvalidProtocolBufferException(
          "Protocol message end-group tag did not match expected tag.");
    }
  }
}
