package dev.warp2api.warp.protocol;

import static dev.warp2api.warp.protocol.WarpEvents.actions;
import static dev.warp2api.warp.protocol.WarpEvents.add;
import static dev.warp2api.warp.protocol.WarpEvents.append;
import static dev.warp2api.warp.protocol.WarpEvents.reasoning;
import static dev.warp2api.warp.protocol.WarpEvents.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.pb.Message;
import org.junit.jupiter.api.Test;

class ReasoningTranslationTest {
  private final EventTranslator translator = new EventTranslator();

  @Test
  void agentReasoningMessageAndItsAppendsBecomeReasoningDeltas() {
    assertThat(translator.translate(actions(add(reasoning("r", "Let me think")))))
        .containsExactly(new ChatEvent.ReasoningDelta("Let me think"));
    assertThat(translator.translate(
            actions(append(reasoning("r", " harder"), "agent_reasoning.reasoning"))))
        .containsExactly(new ChatEvent.ReasoningDelta(" harder"));
    assertThat(translator.translate(actions(add(text("t", "Answer")))))
        .containsExactly(new ChatEvent.TextDelta("Answer"));
  }

  @Test
  @SuppressWarnings("deprecation")
  void legacyAgentOutputReasoningBecomesReasoningDeltas() {
    Message legacy = Message.newBuilder()
        .setId("m")
        .setAgentOutput(Message.AgentOutput.newBuilder().setReasoning("hmm").setText("Hi"))
        .build();
    assertThat(translator.translate(actions(add(legacy))))
        .containsExactly(new ChatEvent.TextDelta("Hi"), new ChatEvent.ReasoningDelta("hmm"));
    Message more = Message.newBuilder()
        .setId("m")
        .setAgentOutput(Message.AgentOutput.newBuilder().setReasoning(", ok"))
        .build();
    assertThat(translator.translate(actions(append(more, "agent_output.reasoning"))))
        .containsExactly(new ChatEvent.ReasoningDelta(", ok"));
  }

  @Test
  void aTextAppendDoesNotEmitReasoningUnderTheTextMask() {
    translator.translate(actions(add(reasoning("r", "a"))));
    assertThat(translator.translate(actions(append(reasoning("r", "b"), "agent_output.text"))))
        .isEmpty();
  }
}
