package dev.warp2api.warp.protocol;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.warp2api.warp.protocol.pb.AgentType;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import dev.warp2api.warp.protocol.pb.Task;
import dev.warp2api.warp.protocol.pb.UserQueryMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Test fixtures: Warp response events built with the protobuf builders, and their SSE framing. */
@SuppressWarnings("deprecation") // the real capture still carries the deprecated usage list
final class WarpEvents {
  static final String TASK = "t-1";
  static final String FULL_TEXT = "你好！很高兴见到你。有什么我可以帮你的吗？";

  private WarpEvents() {}

  static ResponseEvent init(String conversationId, String requestId) {
    return ResponseEvent.newBuilder()
        .setInit(ResponseEvent.StreamInit.newBuilder()
            .setConversationId(conversationId)
            .setRequestId(requestId))
        .build();
  }

  static ResponseEvent actions(ClientAction... actions) {
    return ResponseEvent.newBuilder()
        .setClientActions(ResponseEvent.ClientActions.newBuilder().addAllActions(List.of(actions)))
        .build();
  }

  static ResponseEvent finished(StreamFinished f) {
    return ResponseEvent.newBuilder().setFinished(f).build();
  }

  static ClientAction add(Message... messages) {
    return ClientAction.newBuilder()
        .setAddMessagesToTask(ClientAction.AddMessagesToTask.newBuilder()
            .setTaskId(TASK)
            .addAllMessages(List.of(messages)))
        .build();
  }

  static ClientAction append(Message message, String maskPath) {
    return ClientAction.newBuilder()
        .setAppendToMessageContent(ClientAction.AppendToMessageContent.newBuilder()
            .setMessage(message)
            .setMask(FieldMask.newBuilder().addPaths(maskPath))
            .setTaskId(TASK))
        .build();
  }

  static ClientAction update(Message message, String maskPath) {
    return ClientAction.newBuilder()
        .setUpdateTaskMessage(ClientAction.UpdateTaskMessage.newBuilder()
            .setMessage(message)
            .setMask(FieldMask.newBuilder().addPaths(maskPath))
            .setTaskId(TASK))
        .build();
  }

  static Message text(String id, String text) {
    return Message.newBuilder()
        .setId(id)
        .setTaskId(TASK)
        .setAgentOutput(Message.AgentOutput.newBuilder().setText(text))
        .build();
  }

  static Message reasoning(String id, String text) {
    return Message.newBuilder()
        .setId(id)
        .setTaskId(TASK)
        .setAgentReasoning(Message.AgentReasoning.newBuilder().setReasoning(text))
        .build();
  }

  static Message userQuery(String id, String query) {
    return Message.newBuilder()
        .setId(id)
        .setTaskId(TASK)
        .setServerMessageData("GgsIyp_TywYQg47ueA==")
        .setUserQuery(Message.UserQuery.newBuilder()
            .setQuery(query)
            .setMode(UserQueryMode.getDefaultInstance())
            .setIntendedAgent(AgentType.AGENT_TYPE_PRIMARY))
        .build();
  }

  /**
   * The 14 events of the real 2026 capture (docs/PROTOCOL.md, 'Event sequence'), with the given
   * text chunks.
   */
  static List<ResponseEvent> todaysTextTurn(List<String> chunks) {
    Timestamp ts = Timestamp.newBuilder().setSeconds(1_768_000_000L).build();
    Message preamble = Message.newBuilder()
        .setId("m-0")
        .setTaskId(TASK)
        .setRequestId("r-1")
        .setTimestamp(ts)
        .setToolCall(Message.ToolCall.newBuilder()
            .setToolCallId("tc-0")
            .setServer(Message.ToolCall.Server.newBuilder().setPayload("IgA=")))
        .build();
    Message serverEvent = Message.newBuilder()
        .setId("m-1")
        .setTaskId(TASK)
        .setServerEvent(Message.ServerEvent.newBuilder().setPayload("KgwKBAgCEAQKBAgDEAY="))
        .build();
    Message echo = userQuery("m-2", "你好");
    List<ResponseEvent> events = new ArrayList<>();
    events.add(init("conv-1", "req-1"));
    events.add(actions(ClientAction.newBuilder()
        .setCreateTask(ClientAction.CreateTask.newBuilder()
            .setTask(Task.newBuilder().setId(TASK).addMessages(preamble)))
        .build()));
    events.add(actions(add(serverEvent)));
    events.add(actions(add(echo)));
    events.add(actions(update(echo, "server_message_data")));
    events.add(actions(ClientAction.newBuilder()
        .setBeginTransaction(ClientAction.BeginTransaction.getDefaultInstance())
        .build()));
    events.add(actions(add(text("m-3", chunks.get(0)))));
    for (String chunk : chunks.subList(1, chunks.size())) {
      events.add(actions(append(text("m-3", chunk), "agent_output.text")));
    }
    events.add(actions(ClientAction.newBuilder()
        .setCommitTransaction(ClientAction.CommitTransaction.getDefaultInstance())
        .build()));
    events.add(actions(ClientAction.newBuilder()
        .setUpdateTaskDescription(ClientAction.UpdateTaskDescription.newBuilder()
            .setTaskId(TASK)
            .setDescription("Simple Chinese Greeting"))
        .build()));
    StreamFinished.ModelTokenUsage usage = StreamFinished.ModelTokenUsage.newBuilder()
        .setModelId("Claude Opus 4.5")
        .setTotalTokens(15702)
        .putTokenUsageByCategory("primary_agent", 15702)
        .build();
    events.add(finished(StreamFinished.newBuilder()
        .setDone(StreamFinished.Done.getDefaultInstance())
        .setRequestCost(StreamFinished.RequestCost.newBuilder().setExact(1))
        .setConversationUsageMetadata(StreamFinished.ConversationUsageMetadata.newBuilder()
            .setContextWindowUsage(0.07851f)
            .setCreditsSpent(1)
            .addTokenUsage(usage)
            .setToolUsageMetadata(StreamFinished.ToolUsageMetadata.getDefaultInstance())
            .putWarpTokenUsage(
                "Claude Opus 4.5", usage.toBuilder().clearModelId().build()))
        .build()));
    return events;
  }

  /** Today's framing: {@code event:data}, {@code data:<padded base64url>}, blank line. */
  static String todaysSse(List<ResponseEvent> events) {
    StringBuilder sb = new StringBuilder();
    for (ResponseEvent e : events) {
      sb.append("event:data\ndata:")
          .append(Base64.getUrlEncoder().encodeToString(e.toByteArray()))
          .append("\n\n");
    }
    return sb.toString();
  }
}
