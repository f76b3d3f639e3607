package dev.warp2api.sim;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.UUID;

/** Builds the protobuf messages both sequences share. Stateless. */
final class MessageFactory {
  static final FieldMask TEXT_MASK =
      FieldMask.newBuilder().addPaths("agent_output.text").build();
  static final FieldMask REASONING_MASK =
      FieldMask.newBuilder().addPaths("agent_output.reasoning").build();
  static final FieldMask SERVER_DATA_MASK =
      FieldMask.newBuilder().addPaths("server_message_data").build();

  private MessageFactory() {}

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  static ResponseEvent init(Turn t) {
    return ResponseEvent.newBuilder()
        .setInit(ResponseEvent.StreamInit.newBuilder()
            .setConversationId(t.conversationId())
            .setRequestId(t.requestId()))
        .build();
  }

  static ResponseEvent add(String taskId, Message m) {
    return SseFraming.action(ClientAction.newBuilder()
        .setAddMessagesToTask(
            ClientAction.AddMessagesToTask.newBuilder().setTaskId(taskId).addMessages(m))
        .build());
  }

  static ResponseEvent append(String taskId, Message m, FieldMask mask) {
    return SseFraming.action(ClientAction.newBuilder()
        .setAppendToMessageContent(ClientAction.AppendToMessageContent.newBuilder()
            .setMessage(m)
            .setMask(mask)
            .setTaskId(taskId))
        .build());
  }

  /** A tool-call message: {@code tool_call{tool_call_id:"toolu_…", call_mcp_tool{name, args}}}. */
  static Message.ToolCall toolCall(SimToolCall c) {
    return Message.ToolCall.newBuilder()
        .setToolCallId(toolCallId())
        .setCallMcpTool(
            Message.ToolCall.CallMCPTool.newBuilder().setName(c.name()).setArgs(args(c.argsJson())))
        .build();
  }

  static String toolCallId() {
    return "toolu_01" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
  }

  static Struct args(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "tool call arguments are not a JSON object: " + e.getMessage(), e);
    }
    return b.build();
  }

  /** The user's query as the server echoes it into history. */
  static Message.UserQuery echo(Request.Input input, String query) {
    Message.UserQuery.Builder q = Message.UserQuery.newBuilder().setQuery(query);
    if (input.hasContext()) {
      q.setContext(input.getContext());
    }
    for (Request.Input.UserInputs.UserInput ui : input.getUserInputs().getInputsList()) {
      if (ui.hasUserQuery() && ui.getUserQuery().getQuery().equals(query)) {
        Request.Input.UserQuery uq = ui.getUserQuery();
        if (uq.hasMode()) {
          q.setMode(uq.getMode());
        }
        q.setIntendedAgentValue(uq.getIntendedAgentValue());
        q.putAllReferencedAttachments(uq.getReferencedAttachmentsMap());
      }
    }
    return q.build();
  }

  /**
   * Opaque {@code server_message_data}: padded base64url of (optional field 1 = id, field 3 =
   * Timestamp), the two shapes seen in the 2026 capture.
   */
  static String serverData(String idOrNull, Turn t) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      if (idOrNull != null) {
        out.writeString(1, idOrNull);
      }
      out.writeMessage(3, t.timestamp());
      out.flush();
      return Base64.getUrlEncoder().encodeToString(bytes.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
