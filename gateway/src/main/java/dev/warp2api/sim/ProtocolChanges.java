package dev.warp2api.sim;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import io.vertx.core.buffer.Buffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link SimDrift}s switched on, applied to each modern stream's frames. Thread-safe: the set
 * is swapped whole; a stream uses the set that was on when it started.
 */
final class ProtocolChanges {
  private final AtomicReference<Set<SimDrift>> on = new AtomicReference<>(Set.of());

  void set(Set<SimDrift> changes) {
    on.set(changes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(changes)));
  }

  Set<SimDrift> current() {
    return on.get();
  }

  /**
   * The frames with the changes applied: new events after {@code init}, the last ({@code finished})
   * rebuilt.
   */
  List<Buffer> apply(List<Buffer> frames, Turn turn, ReplyPlan plan) {
    Set<SimDrift> changes = on.get();
    if (changes.isEmpty() || frames.isEmpty()) {
      return frames;
    }
    SseFraming f = SseFraming.MODERN;
    int at = 1;
    if (changes.contains(SimDrift.UNKNOWN_EVENT)) {
      frames.add(
          at++,
          f.frame(ResponseEvent.newBuilder()
              .setUnknownFields(field(SimDrift.EVENT_FIELD))
              .build()));
    }
    if (changes.contains(SimDrift.UNKNOWN_ACTION)) {
      ClientAction action = ClientAction.newBuilder()
          .setUnknownFields(field(SimDrift.ACTION_FIELD))
          .build();
      frames.add(at++, f.frame(SseFraming.action(action)));
    }
    if (changes.contains(SimDrift.UNKNOWN_MESSAGE)) {
      Message message = Message.newBuilder()
          .setId(MessageFactory.uuid())
          .setTaskId(turn.taskId())
          .setUnknownFields(field(SimDrift.MESSAGE_FIELD))
          .build();
      frames.add(at++, f.frame(MessageFactory.add(turn.taskId(), message)));
    }
    if (changes.contains(SimDrift.NEW_FINISH_FIELD)
        || changes.contains(SimDrift.NEW_FINISH_REASON)) {
      StreamFinished.Builder finished = ModernSequence.finished(turn, plan).toBuilder();
      UnknownFieldSet.Builder unknown = UnknownFieldSet.newBuilder();
      if (changes.contains(SimDrift.NEW_FINISH_REASON)) {
        finished.clearReason();
        unknown.mergeFrom(field(SimDrift.FINISH_REASON_FIELD));
      }
      if (changes.contains(SimDrift.NEW_FINISH_FIELD)) {
        unknown.addField(
            SimDrift.FINISH_FIELD,
            UnknownFieldSet.Field.newBuilder().addVarint(1).build());
      }
      finished.setUnknownFields(unknown.build());
      frames.set(
          frames.size() - 1,
          f.frame(ResponseEvent.newBuilder().setFinished(finished).build()));
    }
    return frames;
  }

  /** One length-delimited field holding an empty message: a number and nothing else. */
  private static UnknownFieldSet field(int number) {
    return UnknownFieldSet.newBuilder()
        .addField(
            number,
            UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.EMPTY)
                .build())
        .build();
  }
}
