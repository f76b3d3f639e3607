package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class UndecodableAndUnknownTest {

  @Test
  void garbagePayloadsRaiseATypedErrorWithoutQuotingThem() {
    for (String garbage : List.of("not base64 at all!", "", "\"\"", "A", "////")) {
      assertThatThrownBy(() -> EventPayloads.decode(garbage))
          .as(garbage)
          .isInstanceOf(EventStreamException.class)
          .satisfies(e ->
              assertThat(((EventStreamException) e).kind()).isEqualTo(ErrorKind.UPSTREAM_FAILED));
    }
    assertThatThrownBy(() -> new ResponseStreamDecoder().feed("data:%%%%\n\n".getBytes()))
        .isInstanceOf(EventStreamException.class)
        .hasMessageNotContaining("%%%%");
  }

  @Test
  void unknownEventMembersFieldsAndActionsAreSkipped() {
    UnknownFieldSet future = UnknownFieldSet.newBuilder()
        .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build())
        .build();
    ResponseEvent unknownEvent =
        ResponseEvent.newBuilder().setUnknownFields(future).build();
    String payload = Base64.getUrlEncoder().encodeToString(unknownEvent.toByteArray());
    EventTranslator t = new EventTranslator();
    assertThat(t.translate(EventPayloads.decode(payload))).isEmpty();

    Message withUnknown =
        WarpEvents.text("m", "Hi").toBuilder().setUnknownFields(future).build();
    ClientAction unknownAction =
        ClientAction.newBuilder().setUnknownFields(future).build();
    ClientAction description = ClientAction.newBuilder()
        .setUpdateTaskDescription(
            ClientAction.UpdateTaskDescription.newBuilder().setDescription("title"))
        .build();
    ResponseEvent ev = WarpEvents.actions(unknownAction, description, WarpEvents.add(withUnknown));
    byte[] bytes = ev.toByteArray();
    assertThat(t.translate(EventPayloads.decode(Base64.getUrlEncoder().encodeToString(bytes))))
        .containsExactly(new ChatEvent.TextDelta("Hi"));
  }

  @Test
  void warpsOwnToolCallsAreNotClientToolCalls() {
    Message shell = Message.newBuilder()
        .setId("s")
        .setToolCall(Message.ToolCall.newBuilder()
            .setToolCallId("x")
            .setRunShellCommand(Message.ToolCall.RunShellCommand.newBuilder().setCommand("ls")))
        .build();
    Message server = Message.newBuilder()
        .setId("v")
        .setToolCall(Message.ToolCall.newBuilder()
            .setToolCallId("y")
            .setServer(Message.ToolCall.Server.newBuilder().setPayload("IgA=")))
        .build();
    assertThat(new EventTranslator().translate(WarpEvents.actions(WarpEvents.add(shell, server))))
        .isEmpty();
  }
}
