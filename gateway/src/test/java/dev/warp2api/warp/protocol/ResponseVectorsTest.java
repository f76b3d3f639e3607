package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Golden response events E1–E5 (docs/PROTOCOL.md, 'Test vectors'; SSE {@code data:} payloads,
 * base64url).
 */
class ResponseVectorsTest {
  static final String E1 =
      "CkwKJDY2NjY2NjY2LTY2NjYtNDY2Ni04NjY2LTY2NjY2NjY2NjY2NhIkNzc3Nzc3NzctNzc3Ny00Nzc3LTg3NzctNzc3Nzc3Nzc3Nzc3";
  static final String E2 =
      "EnoKeBp2CiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTESTgokODg4ODg4ODgtODg4OC00ODg4LTg4ODgtODg4ODg4ODg4ODg4GgBaJDExMTExMTExLTExMTEtNDExMS04MTExLTExMTExMTExMTExMQ==";
  static final String E3 =
      "EpgBCpUBKpIBClUKJDg4ODg4ODg4LTg4ODgtNDg4OC04ODg4LTg4ODg4ODg4ODg4OBoHCgVIZWxsb1okMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTExEhMKEWFnZW50X291dHB1dC50ZXh0GiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTE=";
  static final String E4 =
      "EqgBCqUBGqIBCiQxMTExMTExMS0xMTExLTQxMTEtODExMS0xMTExMTExMTExMTESegokOTk5OTk5OTktOTk5OS00OTk5LTg5OTktOTk5OTk5OTk5OTk5IiwKCHRvb2x1XzAxYiAKC2dldF93ZWF0aGVyEhEKDwoEY2l0eRIHGgVQYXJpc1okMTExMTExMTEtMTExMS00MTExLTgxMTEtMTExMTExMTExMTEx";
  static final String E5 = "GhoSAEIWCg9jbGF1ZGUtNC1zb25uZXQQsAkYIw==";
  static final String T = "11111111-1111-4111-8111-111111111111";

  static ResponseEvent decode(String payload) throws Exception {
    var event = ResponseEvent.parseFrom(Base64.getUrlDecoder().decode(payload));
    assertThat(UnknownFields.paths(event)).isEmpty();
    return event;
  }

  @Test
  void e1IsInitWithConversationAndRequestIds() throws Exception {
    var event = decode(E1);
    assertThat(event.getTypeCase()).isEqualTo(ResponseEvent.TypeCase.INIT);
    assertThat(event.getInit().getConversationId())
        .isEqualTo("66666666-6666-4666-8666-666666666666");
    assertThat(event.getInit().getRequestId()).isEqualTo("77777777-7777-4777-8777-777777777777");
  }

  @Test
  void e2AddsAnAgentOutputMessageThatIsPresentButEmpty() throws Exception {
    var action = decode(E2).getClientActions().getActions(0);
    assertThat(action.getActionCase()).isEqualTo(ClientAction.ActionCase.ADD_MESSAGES_TO_TASK);
    assertThat(action.getAddMessagesToTask().getTaskId()).isEqualTo(T);
    var message = action.getAddMessagesToTask().getMessages(0);
    assertThat(message.getId()).isEqualTo("88888888-8888-4888-8888-888888888888");
    assertThat(message.getTaskId()).isEqualTo(T);
    assertThat(message.hasAgentOutput()).isTrue();
    assertThat(message.getAgentOutput().getText()).isEmpty();
  }

  @Test
  void e3AppendsTextWithFieldMask() throws Exception {
    var append = decode(E3).getClientActions().getActions(0).getAppendToMessageContent();
    assertThat(append.getTaskId()).isEqualTo(T);
    assertThat(append.getMessage().getAgentOutput().getText()).isEqualTo("Hello");
    assertThat(append.getMessage().getId()).isEqualTo("88888888-8888-4888-8888-888888888888");
    assertThat(append.getMask().getPathsList()).containsExactly("agent_output.text");
  }

  @Test
  void e4AddsAnMcpToolCallWithStructArgs() throws Exception {
    var add = decode(E4).getClientActions().getActions(0).getAddMessagesToTask();
    var call = add.getMessages(0).getToolCall();
    assertThat(add.getMessages(0).getId()).isEqualTo("99999999-9999-4999-8999-999999999999");
    assertThat(call.getToolCallId()).isEqualTo("toolu_01");
    assertThat(call.getCallMcpTool().getName()).isEqualTo("get_weather");
    assertThat(call.getCallMcpTool().getArgs())
        .isEqualTo(Struct.newBuilder()
            .putFields("city", Value.newBuilder().setStringValue("Paris").build())
            .build());
  }

  @Test
  @SuppressWarnings("deprecation")
  void e5FinishesDoneWithLegacyTokenUsage() throws Exception {
    var finished = decode(E5).getFinished();
    assertThat(finished.getReasonCase()).isEqualTo(ResponseEvent.StreamFinished.ReasonCase.DONE);
    assertThat(finished.getTokenUsageList()).hasSize(1);
    var usage = finished.getTokenUsage(0);
    assertThat(usage.getModelId()).isEqualTo("claude-4-sonnet");
    assertThat(usage.getTotalInput()).isEqualTo(1200);
    assertThat(usage.getOutput()).isEqualTo(35);
  }

  @Test
  void everyVectorReserialisesToItsOwnBytes() throws Exception {
    for (String payload : new String[] {E1, E2, E3, E4, E5}) {
      byte[] raw = Base64.getUrlDecoder().decode(payload);
      assertThat(ResponseEvent.parseFrom(raw).toByteArray()).isEqualTo(raw);
    }
  }
}
