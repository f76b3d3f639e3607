package dev.warp2api.warp.protocol;

import static dev.warp2api.warp.protocol.WarpEvents.actions;
import static dev.warp2api.warp.protocol.WarpEvents.add;
import static dev.warp2api.warp.protocol.WarpEvents.append;
import static dev.warp2api.warp.protocol.WarpEvents.text;
import static dev.warp2api.warp.protocol.WarpEvents.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import org.junit.jupiter.api.Test;

class TextDeduplicationTest {
  private final EventTranslator translator = new EventTranslator(() -> "toolu_generated");

  private static final ClientAction BEGIN = ClientAction.newBuilder()
      .setBeginTransaction(ClientAction.BeginTransaction.getDefaultInstance())
      .build();
  private static final ClientAction ROLLBACK = ClientAction.newBuilder()
      .setRollbackTransaction(ClientAction.RollbackTransaction.getDefaultInstance())
      .build();
  private static final ClientAction COMMIT = ClientAction.newBuilder()
      .setCommitTransaction(ClientAction.CommitTransaction.getDefaultInstance())
      .build();

  private static Message mcpCall(String messageId, String callId) {
    Struct args = Struct.newBuilder()
        .putFields("n", Value.newBuilder().setNumberValue(5).build())
        .build();
    return Message.newBuilder()
        .setId(messageId)
        .setToolCall(Message.ToolCall.newBuilder()
            .setToolCallId(callId)
            .setCallMcpTool(
                Message.ToolCall.CallMCPTool.newBuilder().setName("count").setArgs(args)))
        .build();
  }

  @Test
  void updateReplacingTheWholeTextEmitsOnlyTheNewSuffix() {
    assertThat(translator.translate(actions(add(text("m", "Hel")))))
        .containsExactly(new ChatEvent.TextDelta("Hel"));
    assertThat(translator.translate(actions(append(text("m", "lo"), "agent_output.text"))))
        .containsExactly(new ChatEvent.TextDelta("lo"));
    assertThat(
            translator.translate(actions(update(text("m", "Hello, world"), "agent_output.text"))))
        .containsExactly(new ChatEvent.TextDelta(", world"));
    assertThat(translator.translate(actions(add(text("m", "Hello, world"))))).isEmpty();
  }

  @Test
  void aRewriteThatDoesNotExtendEmitsNothingAndBecomesTheBaseline() {
    translator.translate(actions(add(text("m", "Hello"))));
    assertThat(translator.translate(actions(update(text("m", "Goodbye"), "agent_output.text"))))
        .isEmpty();
    assertThat(translator.translate(actions(update(text("m", "Goodbye!"), "agent_output.text"))))
        .containsExactly(new ChatEvent.TextDelta("!"));
  }

  @Test
  void aShorterPrefixDoesNotResetWhatWasSent() {
    translator.translate(actions(add(text("m", "Hello"))));
    assertThat(translator.translate(actions(update(text("m", "Hel"), "agent_output.text"))))
        .isEmpty();
    assertThat(translator.translate(actions(update(text("m", "Hello!"), "agent_output.text"))))
        .containsExactly(new ChatEvent.TextDelta("!"));
  }

  @Test
  void updateOfOnlyServerDataEmitsNoText() {
    translator.translate(actions(add(text("m", "Hi"))));
    assertThat(translator.translate(actions(update(text("m", "Hi there"), "server_message_data"))))
        .isEmpty();
  }

  @Test
  void rollbackSilencesTheRolledBackMessagesAndDropsTheirToolCalls() {
    assertThat(translator.translate(
            actions(BEGIN, add(text("m", "Draft")), add(mcpCall("c", "call-1")))))
        .containsExactly(new ChatEvent.TextDelta("Draft"));
    assertThat(translator.translate(actions(ROLLBACK))).isEmpty();
    assertThat(translator.translate(actions(append(text("m", " more"), "agent_output.text"))))
        .isEmpty();
    assertThat(translator.translate(actions(add(text("m2", "Final")))))
        .containsExactly(new ChatEvent.TextDelta("Final"));
  }

  @Test
  void toolCallsInsideATransactionAreReleasedOnCommitOnlyOnce() {
    assertThat(translator.translate(actions(BEGIN, add(mcpCall("c", "call-1")))))
        .isEmpty();
    assertThat(translator.translate(actions(COMMIT)))
        .extracting(e -> ((ChatEvent.ToolCallEvent) e).call().argumentsJson())
        .containsExactly("{\"n\":5}");
    assertThat(translator.translate(actions(add(mcpCall("c2", "call-1"))))).isEmpty();
  }

  @Test
  void aToolCallWithoutIdGetsAGeneratedIdOncePerMessage() {
    assertThat(translator.translate(actions(add(mcpCall("c", "")))))
        .extracting(e -> ((ChatEvent.ToolCallEvent) e).call().id())
        .containsExactly("toolu_generated");
    assertThat(translator.translate(actions(add(mcpCall("c", ""))))).isEmpty();
  }
}
