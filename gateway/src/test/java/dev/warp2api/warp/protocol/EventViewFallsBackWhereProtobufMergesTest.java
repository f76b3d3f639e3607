package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.EventView.Kind;
import dev.warp2api.warp.protocol.EventView.MessageView;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where protobuf merges (a singular message sent twice) or switches (a second member of a oneof),
 * the view means what the generated parser means; a scalar sent twice keeps its last value.
 */
class EventViewFallsBackWhereProtobufMergesTest {
  private static final byte[] TEXT_MASK =
      FieldMask.newBuilder().addPaths("agent_output.text").build().toByteArray();

  @Test
  void aMessageSentTwiceIsMergedFieldByField() {
    byte[] first = WarpEvents.text("m", "Hel").toByteArray();
    byte[] second = Message.newBuilder()
        .setAgentOutput(Message.AgentOutput.newBuilder().setText("lo"))
        .build()
        .toByteArray();
    byte[] event =
        event(2, field(1, field(5, field(1, first), field(1, second), field(2, TEXT_MASK))));
    assertThat(only(ViewOracle.assertSameView(event)))
        .isEqualTo(new EventView.Append(
            new MessageView("m", Kind.AGENT_OUTPUT, "lo", "", "", null),
            new MessageMask(true, false, false, false)));
    assertThat(ViewOracle.assertSameTranslation(List.of(event)))
        .containsExactly(new ChatEvent.TextDelta("lo"));
  }

  @Test
  void aMaskSentTwiceJoinsItsPaths() {
    byte[] reasoningMask =
        FieldMask.newBuilder().addPaths("agent_output.reasoning").build().toByteArray();
    byte[] message = WarpEvents.text("m", "x").toByteArray();
    byte[] event = event(
        2, field(1, field(4, field(1, message), field(2, TEXT_MASK), field(2, reasoningMask))));
    assertThat(((EventView.Update) only(ViewOracle.assertSameView(event))).mask())
        .isEqualTo(new MessageMask(true, true, false, false));
  }

  @Test
  void aSecondMemberOfAMessagesOneofReplacesTheFirst() {
    byte[] text = WarpEvents.text("m", "Hi").toByteArray();
    byte[] query = WarpEvents.userQuery("", "hi").toByteArray();
    byte[] merged = concat(text, query); // id "m" kept, agent_output replaced by user_query
    EventView view = ViewOracle.assertSameView(event(2, field(1, field(3, field(2, merged)))));
    assertThat(((EventView.AddMessages) only(view)).messages())
        .containsExactly(new MessageView("m", Kind.OTHER, "", "", "", null));
    byte[] back = concat(
        query,
        Message.newBuilder()
            .setAgentReasoning(Message.AgentReasoning.newBuilder().setReasoning("r"))
            .build()
            .toByteArray());
    assertThat(((EventView.AddMessages) only(ViewOracle.assertSameView(event(
                2, field(1, field(3, field(2, back)))))))
            .messages())
        .containsExactly(new MessageView("", Kind.AGENT_REASONING, "", "", "r", null));
  }

  @Test
  void aSecondMemberOfAnActionsOrAnEventsOneofReplacesTheFirst() {
    byte[] add = WarpEvents.add(WarpEvents.text("m", "Hi")).toByteArray();
    byte[] description = ClientAction.newBuilder()
        .setUpdateTaskDescription(
            ClientAction.UpdateTaskDescription.newBuilder().setDescription("d"))
        .build()
        .toByteArray();
    assertThat(only(ViewOracle.assertSameView(event(2, field(1, concat(add, description))))))
        .isEqualTo(EventView.OtherAction.INSTANCE);
    byte[] initThenActions =
        concat(WarpEvents.init("c", "r").toByteArray(), event(2, field(1, add)));
    assertThat(ViewOracle.assertSameView(initThenActions)).isInstanceOf(EventView.Actions.class);
    byte[] twoInits =
        concat(WarpEvents.init("c", "").toByteArray(), WarpEvents.init("", "r").toByteArray());
    assertThat(ViewOracle.assertSameView(twoInits)).isEqualTo(new EventView.Init("c", "r"));
  }

  @Test
  void aScalarSentTwiceKeepsItsLastValue() {
    byte[] message =
        concat(WarpEvents.text("first", "a").toByteArray(), field(1, "last".getBytes()));
    EventView view = ViewOracle.assertSameView(event(2, field(1, field(3, field(2, message)))));
    assertThat(((EventView.AddMessages) only(view)).messages().get(0).id()).isEqualTo("last");
  }

  private static EventView.Action only(EventView view) {
    assertThat(view).isInstanceOf(EventView.Actions.class);
    assertThat(((EventView.Actions) view).actions()).hasSize(1);
    return ((EventView.Actions) view).actions().get(0);
  }

  private static byte[] event(int number, byte[] content) {
    return field(number, content);
  }

  private static byte[] field(int number, byte[]... parts) {
    return FallbackBytes.field(number, parts);
  }

  private static byte[] concat(byte[]... parts) {
    return FallbackBytes.concat(parts);
  }
}
