package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LegacyStreamTest {
  private SimFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(
        SimConfig.defaults().withLegacy(true).withClock(MutableClock.startingAtDefault()));
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  @Test
  void usesDataSpaceFramingAndThe2025Sequence() throws Exception {
    f.sim.enqueue(SimReply.toolCalls(
            "Checking.", List.of(new SimToolCall("get_weather", "{\"city\":\"Paris\"}")))
        .inDeltas(2));
    var r = f.ai(f.accessToken("rt"), SimFixture.request("weather?"));
    assertThat(r.body()).matches(Pattern.compile("(data: [A-Za-z0-9_=-]+\n\n)+"));
    var events = SimFixture.events(r.body());
    assertThat(SimFixture.names(events))
        .containsExactly(
            "init",
            "add_messages_to_task",
            "append_to_message_content",
            "append_to_message_content",
            "add_messages_to_task",
            "finished");
    var opener =
        events.get(1).getClientActions().getActions(0).getAddMessagesToTask().getMessages(0);
    assertThat(opener.hasAgentOutput()).isTrue();
    assertThat(opener.getAgentOutput().getText()).isEmpty();
    var call = events
        .get(4)
        .getClientActions()
        .getActions(0)
        .getAddMessagesToTask()
        .getMessages(0)
        .getToolCall();
    assertThat(call.getToolCallId()).startsWith("toolu_");
    assertThat(call.getCallMcpTool().getName()).isEqualTo("get_weather");
    assertThat(call.getCallMcpTool().getArgs().getFieldsMap().get("city").getStringValue())
        .isEqualTo("Paris");
    var fin = events.get(5).getFinished();
    assertThat(fin.hasDone()).isTrue();
    assertThat(fin.getTokenUsage(0).getModelId()).isEqualTo("claude-4-5-opus");
    assertThat(fin.getTokenUsage(0).getTotalInput()).isPositive();
    assertThat(fin.getTokenUsage(0).getOutput()).isPositive();
  }
}
