package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModernStreamTest {
  private SimFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(SimConfig.defaults().withClock(MutableClock.startingAtDefault()));
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  @Test
  void followsThe2026EventOrderWithModernFraming() throws Exception {
    var r = f.ai(f.accessToken("rt"), SimFixture.request("say hi"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream;charset=utf-8");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(r.body()).matches(Pattern.compile("(event:data\ndata:[A-Za-z0-9_=-]+\n\n)+"));
    for (String line : r.body().split("\n")) {
      if (line.startsWith("data:")) {
        assertThat((line.length() - 5) % 4).as("padded base64url").isZero();
      }
    }
    List<ResponseEvent> events = SimFixture.events(r.body());
    assertThat(SimFixture.names(events))
        .containsExactly(
            "init",
            "create_task",
            "add_messages_to_task",
            "add_messages_to_task",
            "update_task_message",
            "begin_transaction",
            "add_messages_to_task",
            "append_to_message_content",
            "append_to_message_content",
            "append_to_message_content",
            "commit_transaction",
            "update_task_description",
            "finished");
  }

  @Test
  void carriesTextIdsMasksAndUsage() throws Exception {
    Request req = SimFixture.request("say hi").toBuilder()
        .setMetadata(Request.Metadata.newBuilder().setConversationId("conv-42"))
        .build();
    List<ResponseEvent> events =
        SimFixture.events(f.ai(f.accessToken("rt"), req).body());
    assertThat(events.get(0).getInit().getConversationId()).isEqualTo("conv-42");
    assertThat(events.get(0).getInit().getRequestId()).isNotEmpty();
    String task =
        events.get(1).getClientActions().getActions(0).getCreateTask().getTask().getId();
    var preamble =
        events.get(1).getClientActions().getActions(0).getCreateTask().getTask().getMessages(0);
    assertThat(preamble.getToolCall().getServer().getPayload()).isEqualTo("IgA=");
    assertThat(action(events, 2).getAddMessagesToTask().getMessages(0).hasServerEvent())
        .isTrue();
    var echo = action(events, 3).getAddMessagesToTask().getMessages(0);
    assertThat(echo.getUserQuery().getQuery()).isEqualTo("say hi");
    assertThat(echo.getTaskId()).isEqualTo(task);
    assertThat(action(events, 4).getUpdateTaskMessage().getMask().getPathsList())
        .containsExactly("server_message_data");
    assertThat(action(events, 4).getUpdateTaskMessage().getTaskId()).isEqualTo(task);
    StringBuilder text = new StringBuilder(
        action(events, 6).getAddMessagesToTask().getMessages(0).getAgentOutput().getText());
    for (int i = 7; i <= 9; i++) {
      var append = action(events, i).getAppendToMessageContent();
      assertThat(append.getMask().getPathsList()).containsExactly("agent_output.text");
      assertThat(append.getTaskId()).isEqualTo(task);
      text.append(append.getMessage().getAgentOutput().getText());
    }
    assertThat(text.toString()).isEqualTo("Hello from the Warp simulator. You said: say hi");
    assertThat(action(events, 11).getUpdateTaskDescription().getDescription()).isEqualTo("Say Hi");
    var fin = events.get(12).getFinished();
    assertThat(fin.hasDone()).isTrue();
    assertThat(fin.getRequestCost().getExact()).isEqualTo(1f);
    assertThat(fin.getTokenUsageCount()).isZero();
    var meta = fin.getConversationUsageMetadata();
    assertThat(meta.getSummarized()).isFalse();
    assertThat(meta.getCreditsSpent()).isEqualTo(1f);
    assertThat(meta.getTokenUsage(0).getModelId()).isEqualTo("Claude Opus 4.5");
    int total = meta.getTokenUsage(0).getTotalTokens();
    assertThat(meta.getTotalInputTokens()).isEqualTo((req.getSerializedSize() + 3) / 4);
    assertThat(total).isGreaterThan(meta.getTotalInputTokens());
    assertThat(meta.getWarpTokenUsageMap().get("Claude Opus 4.5").getTokenUsageByCategoryMap())
        .containsEntry("primary_agent", total);
    assertThat(meta.getContextWindowUsage()).isEqualTo(total / 200_000f);
  }

  @Test
  void accumulatesConversationCreditsAndReusesTheTaskOfTheHistory() throws Exception {
    String jwt = f.accessToken("rt");
    List<ResponseEvent> first =
        SimFixture.events(f.ai(jwt, SimFixture.request("one")).body());
    String conv = first.get(0).getInit().getConversationId();
    var task = first.get(1).getClientActions().getActions(0).getCreateTask().getTask();
    Request second = SimFixture.request("two").toBuilder()
        .setMetadata(Request.Metadata.newBuilder().setConversationId(conv))
        .setTaskContext(Request.TaskContext.newBuilder().addTasks(task))
        .build();
    List<ResponseEvent> events = SimFixture.events(f.ai(jwt, second).body());
    assertThat(SimFixture.names(events)).doesNotContain("create_task");
    assertThat(action(events, 1).getAddMessagesToTask().getTaskId()).isEqualTo(task.getId());
    assertThat(events
            .get(events.size() - 1)
            .getFinished()
            .getConversationUsageMetadata()
            .getCreditsSpent())
        .isEqualTo(2f);
  }

  private static ClientAction action(List<ResponseEvent> events, int i) {
    return events.get(i).getClientActions().getActions(0);
  }
}
