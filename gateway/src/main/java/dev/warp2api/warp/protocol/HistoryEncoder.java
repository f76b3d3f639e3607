package dev.warp2api.warp.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ContentPart;
import dev.warp2api.core.ToolCall;
import dev.warp2api.warp.protocol.pb.CallMCPToolResult;
import dev.warp2api.warp.protocol.pb.InputContext;
import dev.warp2api.warp.protocol.pb.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Earlier turns of a chat as {@code task_context.tasks[0].messages} (docs/PROTOCOL.md, 'History'),
 * without the 2025 bridge's invented preamble. Each message gets a fresh id and the task id. An
 * assistant turn becomes, in order, its reasoning ({@code agent_reasoning}), its text
 * ({@code agent_output}, also when empty if the turn has nothing else) and one
 * {@code tool_call.call_mcp_tool} per call.
 */
final class HistoryEncoder {
  /** The one field of the arguments of a past tool call whose text was not a JSON object. */
  static final String RAW_ARGUMENTS = "raw_arguments";

  private final String taskId;
  private final RequestIds ids;

  HistoryEncoder(String taskId, RequestIds ids) {
    this.taskId = taskId;
    this.ids = ids;
  }

  /**
   * @param messages the chat's messages
   * @param end index of the first message of the current input
   */
  List<Message> encode(List<ChatMessage> messages, int end) {
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      switch (messages.get(i)) {
        case ChatMessage.User u -> out.add(message().setUserQuery(userQuery(u)).build());
        case ChatMessage.Assistant a -> assistant(a, out);
        case ChatMessage.ToolResult r ->
          out.add(message()
              .setToolCallResult(Message.ToolCallResult.newBuilder()
                  .setToolCallId(r.toolCallId())
                  .setCallMcpTool(result(r)))
              .build());
      }
    }
    return out;
  }

  private void assistant(ChatMessage.Assistant a, List<Message> out) {
    if (a.reasoning() != null && !a.reasoning().isEmpty()) {
      out.add(message()
          .setAgentReasoning(Message.AgentReasoning.newBuilder().setReasoning(a.reasoning()))
          .build());
    }
    if (!a.text().isEmpty() || a.toolCalls().isEmpty()) {
      out.add(message()
          .setAgentOutput(Message.AgentOutput.newBuilder().setText(a.text()))
          .build());
    }
    for (int j = 0; j < a.toolCalls().size(); j++) {
      ToolCall call = a.toolCalls().get(j);
      Message.ToolCall.CallMCPTool.Builder mcp =
          Message.ToolCall.CallMCPTool.newBuilder().setName(call.name());
      mcp.setArgs(arguments(call.argumentsJson()));
      out.add(message()
          .setToolCall(Message.ToolCall.newBuilder().setToolCallId(call.id()).setCallMcpTool(mcp))
          .build());
    }
  }

  /**
   * A past call's arguments as a struct. Text that is not a JSON object (a model cut off mid-arguments
   * writes {@code {"path":"/tm}; clients send it back verbatim, and OpenAI accepts any string) travels as
   * {@code {"raw_arguments": "<the text as sent>"}} instead of refusing the whole conversation.
   */
  static Struct arguments(String json) {
    try {
      return StructJson.parseObject(json);
    } catch (IllegalArgumentException e) {
      return Struct.newBuilder()
          .putFields(RAW_ARGUMENTS, Value.newBuilder().setStringValue(json).build())
          .build();
    }
  }

  private Message.Builder message() {
    return Message.newBuilder().setId(ids.next()).setTaskId(taskId);
  }

  private static Message.UserQuery.Builder userQuery(ChatMessage.User u) {
    Message.UserQuery.Builder q = Message.UserQuery.newBuilder().setQuery(u.text());
    InputContext images = images(List.of(u));
    if (images.getImagesCount() > 0) {
      q.setContext(images);
    }
    return q;
  }

  /** The images of these user messages, in order, as an {@code InputContext}. */
  static InputContext images(List<ChatMessage.User> users) {
    InputContext.Builder ctx = InputContext.newBuilder();
    for (ChatMessage.User u : users) {
      for (ContentPart p : u.parts()) {
        if (p instanceof ContentPart.Image img) {
          ctx.addImages(InputContext.Image.newBuilder()
              .setData(ByteString.copyFrom(img.data()))
              .setMimeType(img.mediaType()));
        }
      }
    }
    return ctx.build();
  }

  /** A tool result as {@code CallMCPToolResult}: one text result, or an error carrying the text. */
  static CallMCPToolResult result(ChatMessage.ToolResult r) {
    CallMCPToolResult.Builder b = CallMCPToolResult.newBuilder();
    if (r.isError()) {
      return b.setError(CallMCPToolResult.Error.newBuilder().setMessage(r.content()))
          .build();
    }
    return b.setSuccess(CallMCPToolResult.Success.newBuilder()
            .addResults(CallMCPToolResult.Success.Result.newBuilder()
                .setText(CallMCPToolResult.Success.Result.Text.newBuilder().setText(r.content()))))
        .build();
  }
}
