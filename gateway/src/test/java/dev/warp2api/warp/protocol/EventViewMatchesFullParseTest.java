package dev.warp2api.warp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ToolCall;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every event of the repo's vectors and of hand-built streams reads the same through the view. */
class EventViewMatchesFullParseTest {

  @Test
  void goldenVectorsE1ToE5ReadAndTranslateAsTheFullParse() {
    List<byte[]> stream = List.of(
            ResponseVectorsTest.E1,
            ResponseVectorsTest.E2,
            ResponseVectorsTest.E3,
            ResponseVectorsTest.E4,
            ResponseVectorsTest.E5)
        .stream()
        .map(Base64.getUrlDecoder()::decode)
        .toList();
    assertThat(ViewOracle.assertSameTranslation(stream))
        .hasSize(4)
        .contains(new ChatEvent.TextDelta("Hello"))
        .contains(new ChatEvent.ToolCallEvent(
            new ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}")));
  }

  @Test
  void todaysCapturedTurnReadsAndTranslatesAsTheFullParse() {
    List<ChatEvent> out = ViewOracle.assertSameTranslation(ViewOracle.bytesOf(
        WarpEvents.todaysTextTurn(List.of("你好！", "很高兴", "见到你。", "有什么我可以", "帮你的吗？"))));
    assertThat(out).filteredOn(e -> e instanceof ChatEvent.TextDelta).hasSize(5);
  }

  @Test
  @SuppressWarnings("deprecation")
  void reasoningToolCallsTransactionsAndUpdatesReadAsTheFullParse() {
    Message legacy = Message.newBuilder()
        .setId("L")
        .setAgentOutput(Message.AgentOutput.newBuilder().setReasoning("think").setText(""))
        .build();
    Message mcp = Message.newBuilder()
        .setId("T")
        .setToolCall(Message.ToolCall.newBuilder()
            .setCallMcpTool(Message.ToolCall.CallMCPTool.newBuilder()
                .setName("ls")
                .setArgs(Struct.newBuilder()
                    .putFields("path", Value.newBuilder().setStringValue("/").build()))))
        .build();
    ClientAction begin = ClientAction.newBuilder()
        .setBeginTransaction(ClientAction.BeginTransaction.getDefaultInstance())
        .build();
    ClientAction rollback = ClientAction.newBuilder()
        .setRollbackTransaction(ClientAction.RollbackTransaction.getDefaultInstance())
        .build();
    ClientAction commit = ClientAction.newBuilder()
        .setCommitTransaction(ClientAction.CommitTransaction.getDefaultInstance())
        .build();
    ClientAction noMask = ClientAction.newBuilder()
        .setAppendToMessageContent(ClientAction.AppendToMessageContent.newBuilder()
            .setMessage(WarpEvents.text("A", " more")))
        .build();
    ClientAction noMessage = ClientAction.newBuilder()
        .setUpdateTaskMessage(ClientAction.UpdateTaskMessage.newBuilder()
            .setMask(FieldMask.newBuilder().addPaths("agentOutput.text")))
        .build();
    List<ResponseEvent> events = List.of(
        WarpEvents.init("c", "r"),
        WarpEvents.actions(WarpEvents.add(WarpEvents.reasoning("R", "Let me"))),
        WarpEvents.actions(
            WarpEvents.append(WarpEvents.reasoning("R", " see"), "agent_reasoning.reasoning")),
        WarpEvents.actions(
            WarpEvents.add(legacy), WarpEvents.append(legacy, "agent_output.reasoning")),
        WarpEvents.actions(
            WarpEvents.add(WarpEvents.text("A", "Hi"), WarpEvents.userQuery("Q", "hi"))),
        WarpEvents.actions(
            noMask,
            noMessage,
            WarpEvents.update(WarpEvents.text("A", "Hi more, all"), "agentOutput")),
        WarpEvents.actions(
            begin,
            WarpEvents.add(mcp),
            WarpEvents.append(WarpEvents.text("B", "x"), "agent_output.text"),
            rollback),
        WarpEvents.actions(
            begin, WarpEvents.update(mcp.toBuilder().setId("T2").build(), "tool_call"), commit),
        WarpEvents.actions(WarpEvents.add(mcp.toBuilder()
            .setId("T3")
            .setToolCall(mcp.getToolCall().toBuilder().setToolCallId(""))
            .build())),
        WarpEvents.finished(StreamFinished.newBuilder()
            .setInternalError(StreamFinished.InternalError.newBuilder().setMessage("boom"))
            .addTokenUsage(
                StreamFinished.TokenUsage.newBuilder().setTotalInput(3).setOutput(4))
            .build()));
    List<ChatEvent> out = ViewOracle.assertSameTranslation(ViewOracle.bytesOf(events));
    assertThat(out)
        .contains(
            new ChatEvent.ReasoningDelta("Let me"),
            new ChatEvent.ReasoningDelta(" see"),
            new ChatEvent.ReasoningDelta("think"),
            new ChatEvent.TextDelta("Hi"),
            new ChatEvent.TextDelta(" more"),
            new ChatEvent.TextDelta(", all"),
            new ChatEvent.ToolCallEvent(new ToolCall("toolu_gen1", "ls", "{\"path\":\"/\"}")));
    assertThat(out).filteredOn(e -> e instanceof ChatEvent.ToolCallEvent).hasSize(2);
    assertThat(out.get(out.size() - 1)).isInstanceOf(ChatEvent.Finished.class);
  }

  @Test
  void emptyAndUnsetEventsAreOther() {
    assertThat(ViewOracle.assertSameView(new byte[0])).isEqualTo(EventView.Other.INSTANCE);
    assertThat(ViewOracle.assertSameView(
            WarpEvents.actions(ClientAction.getDefaultInstance()).toByteArray()))
        .isEqualTo(new EventView.Actions(List.of(EventView.OtherAction.INSTANCE)));
  }
}
