package dev.warp2api.sim;

import com.google.protobuf.Duration;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import dev.warp2api.warp.protocol.pb.Task;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The 2026 event sequence (docs/PROTOCOL.md, 'Event sequence'): init → create_task (server
 * tool-call preamble) → add_messages(server_event) → add_messages(user-query echo) →
 * update_task_message(mask server_message_data) → begin_transaction →
 * [add_messages(agent_reasoning)] → add_messages(first text chunk) → append_to_message_content* →
 * [add_messages(tool_call)*] → commit_transaction → update_task_description → finished.
 * {@code create_task} is skipped when the request already carries the task in its history.
 */
final class ModernSequence {
  /** Server tool-call preamble payload of the capture ({@code 22 00}). */
  static final String PREAMBLE = "IgA=";
  /** Server-event payload of the capture. */
  static final String SERVER_EVENT = "KgwKBAgCEAQKBAgDEAY=";

  private ModernSequence() {}

  /**
   * Events besides the text deltas (for {@link SimReply#events}); counted for a first turn with
   * text.
   */
  static int fixedEvents(boolean reasoning, int toolCalls) {
    return 9 + (reasoning ? 1 : 0) + toolCalls;
  }

  static List<Buffer> frames(Turn t, ReplyPlan p) {
    SseFraming f = SseFraming.MODERN;
    List<Buffer> out = new ArrayList<>(p.deltas().size() + 12);
    String task = t.taskId();
    emit(out, f, MessageFactory.init(t));
    if (t.newTask()) {
      Message preamble = base(t)
          .setId(MessageFactory.uuid())
          .setToolCall(Message.ToolCall.newBuilder()
              .setToolCallId(MessageFactory.uuid())
              .setServer(Message.ToolCall.Server.newBuilder().setPayload(PREAMBLE)))
          .build();
      emit(
          out,
          f,
          SseFraming.action(ClientAction.newBuilder()
              .setCreateTask(ClientAction.CreateTask.newBuilder()
                  .setTask(Task.newBuilder().setId(task).addMessages(preamble)))
              .build()));
    }
    emit(
        out,
        f,
        MessageFactory.add(
            task,
            base(t)
                .setId(MessageFactory.uuid())
                .setServerEvent(Message.ServerEvent.newBuilder().setPayload(SERVER_EVENT))
                .setServerMessageData(MessageFactory.serverData(null, t))
                .build()));
    String queryId = MessageFactory.uuid();
    Message.Builder echo =
        base(t).setId(queryId).setUserQuery(MessageFactory.echo(t.input(), t.query()));
    emit(out, f, MessageFactory.add(task, echo.build()));
    emit(
        out,
        f,
        SseFraming.action(ClientAction.newBuilder()
            .setUpdateTaskMessage(ClientAction.UpdateTaskMessage.newBuilder()
                .setTaskId(task)
                .setMask(MessageFactory.SERVER_DATA_MASK)
                .setMessage(echo.setServerMessageData(MessageFactory.serverData(queryId, t))))
            .build()));
    Buffer begin = Buffer.buffer(64);
    f.appendBegin(begin);
    out.add(begin);
    if (!p.reasoning().isEmpty()) {
      emit(
          out,
          f,
          MessageFactory.add(
              task,
              base(t)
                  .setId(MessageFactory.uuid())
                  .setAgentReasoning(Message.AgentReasoning.newBuilder()
                      .setReasoning(p.reasoning())
                      .setFinishedDuration(Duration.newBuilder().setSeconds(1)))
                  .build()));
    }
    text(out, f, t, p);
    for (SimToolCall c : p.toolCalls()) {
      String id = MessageFactory.uuid();
      emit(
          out,
          f,
          MessageFactory.add(
              task,
              base(t)
                  .setId(id)
                  .setToolCall(MessageFactory.toolCall(c))
                  .setServerMessageData(MessageFactory.serverData(id, t))
                  .build()));
    }
    Buffer commit = Buffer.buffer(64);
    f.appendCommit(commit);
    out.add(commit);
    emit(
        out,
        f,
        SseFraming.action(ClientAction.newBuilder()
            .setUpdateTaskDescription(ClientAction.UpdateTaskDescription.newBuilder()
                .setTaskId(task)
                .setDescription(t.description()))
            .build()));
    emit(out, f, ResponseEvent.newBuilder().setFinished(finished(t, p)).build());
    return out;
  }

  private static void text(List<Buffer> out, SseFraming f, Turn t, ReplyPlan p) {
    if (p.deltas().isEmpty()) {
      return;
    }
    String id = MessageFactory.uuid();
    emit(
        out,
        f,
        MessageFactory.add(
            t.taskId(),
            base(t)
                .setId(id)
                .setAgentOutput(
                    Message.AgentOutput.newBuilder().setText(p.deltas().get(0)))
                .setServerMessageData(MessageFactory.serverData(id, t))
                .build()));
    for (int i = 1; i < p.deltas().size(); i++) {
      Message m = Message.newBuilder()
          .setId(id)
          .setTaskId(t.taskId())
          .setAgentOutput(Message.AgentOutput.newBuilder().setText(p.deltas().get(i)))
          .build();
      emit(out, f, MessageFactory.append(t.taskId(), m, MessageFactory.TEXT_MASK));
    }
  }

  private static void emit(List<Buffer> out, SseFraming f, ResponseEvent e) {
    out.add(f.frame(e));
  }

  private static Message.Builder base(Turn t) {
    return Message.newBuilder()
        .setTaskId(t.taskId())
        .setRequestId(t.requestId())
        .setTimestamp(t.timestamp());
  }

  @SuppressWarnings("deprecation")
  static StreamFinished finished(Turn t, ReplyPlan p) {
    int total = t.inputTokens() + p.outputTokens();
    String name = t.model().displayName();
    StreamFinished.ModelTokenUsage usage = StreamFinished.ModelTokenUsage.newBuilder()
        .setModelId(name)
        .setTotalTokens(total)
        .putTokenUsageByCategory("primary_agent", total)
        .build();
    StreamFinished.ConversationUsageMetadata meta =
        StreamFinished.ConversationUsageMetadata.newBuilder()
            .setContextWindowUsage((float) total / t.model().contextWindow())
            .setSummarized(false)
            .setCreditsSpent(t.conversationCredits())
            .addTokenUsage(
                StreamFinished.ModelTokenUsage.newBuilder().setModelId(name).setTotalTokens(total))
            .setToolUsageMetadata(StreamFinished.ToolUsageMetadata.newBuilder()
                .setRunCommandStats(StreamFinished.RunCommandStats.getDefaultInstance())
                .setReadFilesStats(StreamFinished.ToolCallStats.getDefaultInstance())
                .setGrepStats(StreamFinished.ToolCallStats.getDefaultInstance())
                .setCallMcpToolStats(StreamFinished.ToolCallStats.newBuilder()
                    .setCount(p.toolCalls().size())))
            .putWarpTokenUsage(name, usage)
            .setTotalInputTokens(t.inputTokens())
            .build();
    StreamFinished.Builder b = StreamFinished.newBuilder()
        .setRequestCost(StreamFinished.RequestCost.newBuilder().setExact(t.credits()))
        .setConversationUsageMetadata(meta);
    return FinishReasons.apply(b, p.finish()).build();
  }
}
