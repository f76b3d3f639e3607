package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished.ReasonCase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScriptedReplyTest {
  private SimFixture f;
  private String jwt;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(SimConfig.defaults().withClock(MutableClock.startingAtDefault()));
    jwt = f.accessToken("rt");
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  private List<ResponseEvent> call() throws Exception {
    return SimFixture.events(f.ai(jwt, SimFixture.request("q")).body());
  }

  private static String text(List<ResponseEvent> events) {
    StringBuilder sb = new StringBuilder();
    for (ResponseEvent e : events) {
      for (var a : e.getClientActions().getActionsList()) {
        if (a.hasAppendToMessageContent()) {
          sb.append(a.getAppendToMessageContent().getMessage().getAgentOutput().getText());
        } else if (a.hasAddMessagesToTask()) {
          a.getAddMessagesToTask()
              .getMessagesList()
              .forEach(m -> sb.append(m.getAgentOutput().getText()));
        }
      }
    }
    return sb.toString();
  }

  @Test
  void repliesInFifoOrderThenFallsBackToDefault() throws Exception {
    f.sim
        .enqueue(SimReply.text("first").inDeltas(1))
        .enqueue(SimReply.text("second answer").inDeltas(5));
    assertThat(text(call())).isEqualTo("first");
    List<ResponseEvent> second = call();
    assertThat(text(second)).isEqualTo("second answer");
    assertThat(SimFixture.names(second).stream().filter("append_to_message_content"::equals))
        .hasSize(4);
    assertThat(text(call())).startsWith(ReplyPlan.GREETING);
  }

  @Test
  void emitsToolCallsAfterLeadingTextInsideTheTransaction() throws Exception {
    f.sim.enqueue(SimReply.toolCalls(
        "Let me look.",
        List.of(
            new SimToolCall("read", "{\"path\":\"a.txt\",\"n\":5}"),
            new SimToolCall("list", "{}"))));
    List<ResponseEvent> events = call();
    List<String> names = SimFixture.names(events);
    assertThat(names.subList(names.size() - 5, names.size()))
        .containsExactly(
            "add_messages_to_task",
            "add_messages_to_task",
            "commit_transaction",
            "update_task_description",
            "finished");
    var calls = events.stream()
        .flatMap(e -> e.getClientActions().getActionsList().stream())
        .filter(a ->
            a.hasAddMessagesToTask() && a.getAddMessagesToTask().getMessages(0).hasToolCall())
        .map(a -> a.getAddMessagesToTask().getMessages(0).getToolCall())
        .toList();
    assertThat(calls).extracting(c -> c.getCallMcpTool().getName()).containsExactly("read", "list");
    assertThat(calls.get(0).getToolCallId())
        .startsWith("toolu_")
        .isNotEqualTo(calls.get(1).getToolCallId());
    assertThat(calls.get(0).getCallMcpTool().getArgs().getFieldsMap().get("n").getNumberValue())
        .isEqualTo(5.0);
    assertThat(text(events)).isEqualTo("Let me look.");
  }

  @Test
  void sendsReasoningAsAgentReasoningMessageBeforeText() throws Exception {
    f.sim.enqueue(SimReply.reasoning("pondering", "42"));
    List<ResponseEvent> events = call();
    var reasoning =
        events.get(6).getClientActions().getActions(0).getAddMessagesToTask().getMessages(0);
    assertThat(reasoning.getAgentReasoning().getReasoning()).isEqualTo("pondering");
    assertThat(events
            .get(7)
            .getClientActions()
            .getActions(0)
            .getAddMessagesToTask()
            .getMessages(0)
            .getAgentOutput()
            .getText())
        .isNotEmpty();
    assertThat(text(events)).isEqualTo("42");
  }

  @Test
  void endsWithEveryScriptedFinishReason() throws Exception {
    var reasons = List.of(
        SimFinish.QUOTA_LIMIT,
        SimFinish.MAX_TOKEN_LIMIT,
        SimFinish.CONTEXT_WINDOW_EXCEEDED,
        SimFinish.LLM_UNAVAILABLE,
        SimFinish.internalError("boom"),
        SimFinish.invalidApiKey("gpt"),
        SimFinish.OTHER);
    reasons.forEach(r -> f.sim.enqueue(SimReply.finish(r)));
    var expected = List.of(
        ReasonCase.QUOTA_LIMIT,
        ReasonCase.MAX_TOKEN_LIMIT,
        ReasonCase.CONTEXT_WINDOW_EXCEEDED,
        ReasonCase.LLM_UNAVAILABLE,
        ReasonCase.INTERNAL_ERROR,
        ReasonCase.INVALID_API_KEY,
        ReasonCase.OTHER);
    for (ReasonCase want : expected) {
      List<ResponseEvent> events = call();
      var fin = events.get(events.size() - 1).getFinished();
      assertThat(fin.getReasonCase()).isEqualTo(want);
      assertThat(text(events)).isEmpty();
      if (want == ReasonCase.INTERNAL_ERROR) {
        assertThat(fin.getInternalError().getMessage()).isEqualTo("boom");
      }
    }
  }

  @Test
  void scriptsForOneAccountTakePrecedenceOnlyForThatAccount() throws Exception {
    String other = f.accessToken("rt-other");
    f.sim.enqueue(SimReply.text("shared")).enqueueFor("rt-other", SimReply.text("mine"));
    assertThat(text(call())).isEqualTo("shared");
    assertThat(text(SimFixture.events(f.ai(other, SimFixture.request("q")).body())))
        .isEqualTo("mine");
  }

  @Test
  void producesExactEventCountsAndLongOutputs() throws Exception {
    f.sim.enqueue(SimReply.events(50, Duration.ZERO)).enqueue(SimReply.longOutput(10_000));
    assertThat(call()).hasSize(50);
    assertThat(text(call())).hasSize(10_000);
  }
}
