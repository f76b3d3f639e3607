package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fields our schema cannot name, at every level of every event, are skipped by the view as by the
 * generated parser: future field numbers of every wire type (groups too), and known numbers sent
 * with another wire type (which protobuf treats as unknown, even for a oneof member).
 */
class EventViewSkipsUnknownFieldsTest {
  private static final List<String> CHUNKS = List.of("你好！", "很高兴", "见到你。", "有什么我可以", "帮你的吗？");

  @Test
  void unknownFieldsEverywhereChangeNothing() {
    List<ResponseEvent> clean = WarpEvents.todaysTextTurn(CHUNKS);
    List<ResponseEvent> junk =
        clean.stream().map(e -> (ResponseEvent) withJunk(e)).toList();
    for (int i = 0; i < clean.size(); i++) {
      assertThat(junk.get(i).toByteArray())
          .as("event %d carries junk", i)
          .isNotEqualTo(clean.get(i).toByteArray());
      EventView read = ViewOracle.assertSameView(junk.get(i).toByteArray());
      EventView expected = EventView.parse(clean.get(i).toByteArray());
      if (read
          instanceof EventView.Finished f) { // kept whole, junk included: compare what it means
        assertThat(FinishReader.read(f.finished()))
            .isEqualTo(FinishReader.read(((EventView.Finished) expected).finished()));
      } else {
        assertThat(read).isEqualTo(expected);
      }
    }
    List<ChatEvent> out = ViewOracle.assertSameTranslation(ViewOracle.bytesOf(junk));
    assertThat(out).isEqualTo(ViewOracle.assertSameTranslation(ViewOracle.bytesOf(clean)));
    assertThat(out).contains(new ChatEvent.TextDelta("帮你的吗？"));
  }

  @Test
  void junkOnKnownOneofNumbersWithAnotherWireTypeDoesNotSwitchTheOneof() {
    ResponseEvent event =
        WarpEvents.actions(WarpEvents.append(WarpEvents.text("m", "Hi"), "agent_output.text"));
    ResponseEvent junk = (ResponseEvent) withJunk(event);
    EventView view = ViewOracle.assertSameView(junk.toByteArray());
    assertThat(((EventView.Actions) view).actions())
        .singleElement()
        .isEqualTo(new EventView.Append(
            new EventView.MessageView("m", EventView.Kind.AGENT_OUTPUT, "Hi", "", "", null),
            new MessageMask(true, false, false, false)));
  }

  /** A copy of the tree with junk added to every message in it (map entries excepted). */
  static Message withJunk(Message m) {
    Message.Builder b = m.toBuilder();
    for (var e : m.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || f.isMapField()) {
        continue;
      }
      if (f.isRepeated()) {
        b.clearField(f);
        for (Object v : (List<?>) e.getValue()) {
          b.addRepeatedField(f, withJunk((Message) v));
        }
      } else {
        b.setField(f, withJunk((Message) e.getValue()));
      }
    }
    return b.setUnknownFields(junk(m.getDescriptorForType())).build();
  }

  /**
   * Every known length-delimited number (strings, messages, oneof members) also sent as a varint,
   * and future numbers 99–103 of each wire type.
   */
  private static UnknownFieldSet junk(Descriptor type) {
    UnknownFieldSet.Builder set = UnknownFieldSet.newBuilder();
    for (FieldDescriptor f : type.getFields()) {
      FieldDescriptor.Type t = f.getType();
      if (t == FieldDescriptor.Type.MESSAGE
          || t == FieldDescriptor.Type.STRING
          || t == FieldDescriptor.Type.BYTES) {
        set.addField(
            f.getNumber(), UnknownFieldSet.Field.newBuilder().addVarint(7).build());
      }
    }
    UnknownFieldSet group = UnknownFieldSet.newBuilder()
        .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
        .build();
    return set.addField(99, UnknownFieldSet.Field.newBuilder().addVarint(300).build())
        .addField(100, UnknownFieldSet.Field.newBuilder().addFixed32(5).build())
        .addField(101, UnknownFieldSet.Field.newBuilder().addFixed64(6).build())
        .addField(
            102,
            UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFromUtf8("\u00ff"))
                .build())
        .addField(103, UnknownFieldSet.Field.newBuilder().addGroup(group).build())
        .build();
  }
}
