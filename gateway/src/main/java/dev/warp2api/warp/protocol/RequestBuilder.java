package dev.warp2api.warp.protocol;

import com.google.protobuf.Value;
import dev.warp2api.core.ChatMessage;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.GatewayException;
import dev.warp2api.core.ToolChoice;
import dev.warp2api.warp.protocol.pb.AgentType;
import dev.warp2api.warp.protocol.pb.Attachment;
import dev.warp2api.warp.protocol.pb.InputContext;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.Task;
import dev.warp2api.warp.protocol.pb.ToolType;
import dev.warp2api.warp.protocol.pb.UserQueryMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the Warp {@link Request} for one chat turn. Pure: the same chat and options (with the same
 * ids) always give the same bytes; safe to call from any thread, never blocks.
 *
 * <p>Shape (today's client, plus history as the 2025 bridge sent it; docs/PROTOCOL.md, 'How a chat
 * turn becomes a Request'):
 *
 * <ul>
 *   <li>{@code task_context.tasks[0]}: a fresh id and every message before the current input (see
 *       {@link HistoryEncoder}). No invented preamble tool call (its payload is opaque server data
 *       the server adds itself) and no {@code active_task_id} (removed upstream in 2025-10).
 *   <li>{@code input.user_inputs.inputs}: the current input — the trailing run of user and
 *       tool-result messages after the last assistant message — one {@code UserInput} per message,
 *       in order (several user messages stay several inputs; nothing is joined). A user message
 *       becomes {@code user_query{query, mode: empty, intended_agent: AGENT_TYPE_PRIMARY}}, a tool
 *       result {@code tool_call_result{tool_call_id, call_mcp_tool}}. The images of the input's
 *       user messages go to {@code input.context.images}.
 *   <li>System prompt: {@code prefix}, the chat's system text and a tool-choice instruction, joined
 *       by blank lines, as {@code referenced_attachments["SYSTEM_PROMPT"].plain_text} on the last
 *       user query of the input. When the input is only tool results (a tool query cannot carry
 *       attachments) it rides on the last user query in history, or, if the history has none, on an
 *       empty user query added at the start of the history: it is never dropped.
 *   <li>{@code settings}: {@code model_config{base: model, cli_agent: "cli-agent-auto"}},
 *       {@code supports_parallel_tool_calls} and {@code supports_reasoning_message} true,
 *       {@code supported_tools = [CALL_MCP_TOOL]}; everything else unset.
 *   <li>{@code metadata}: {@code conversation_id} when given, and the logging map of today's
 *       client.
 *   <li>Tools: {@code mcp_context.tools} (or {@code servers[0].tools}), see {@link ToolSchemas}.
 *       {@code ToolChoice.NONE} sends no tools; {@code REQUIRED} and a named tool add an
 *       instruction to the system prompt, since Warp has no such control.
 * </ul>
 *
 * @see BuildOptions
 */
public final class RequestBuilder {
  /** The key Warp's client uses for the system prompt attachment. */
  public static final String SYSTEM_PROMPT_KEY = "SYSTEM_PROMPT";
  /** The CLI sub-agent model today's client always names. */
  static final String CLI_AGENT_MODEL = "cli-agent-auto";
  /** The name given to the single MCP server in {@code mcpServersForm}. */
  static final String MCP_SERVER_NAME = "client";

  /**
   * Settings by model: immutable messages, so one instance (with its memoised size) serves every
   * request.
   */
  private static final ConcurrentHashMap<String, Request.Settings> SETTINGS =
      new ConcurrentHashMap<>();
  /**
   * Bound on {@link #SETTINGS}: model names come from clients, so an unusual one is built, not
   * kept.
   */
  private static final int SETTINGS_CACHE_LIMIT = 256;
  /** The metadata of a request without a conversation id: the same for every such request. */
  private static final Request.Metadata NO_CONVERSATION_METADATA = buildMetadata(null);

  private RequestBuilder() {}

  /**
   * @throws GatewayException INVALID_REQUEST ({@code messages}) when the chat does not end with a
   *     user message or tool result; ({@code messages[i].tool_calls[j].function.arguments}) when a
   *     history tool call's arguments are not a JSON object; ({@code tools[i].name}) for an empty
   *     or repeated tool name; ({@code tool_choice}) when a tool is required but none, or not the
   *     named one, is given
   */
  public static Request build(ChatRequest chat, BuildOptions opts) {
    List<ChatMessage> messages = chat.messages();
    int start = inputStart(messages);
    String taskId = opts.ids().next();
    List<Message> history =
        new ArrayList<>(new HistoryEncoder(taskId, opts.ids()).encode(messages, start));
    List<ChatMessage> input = messages.subList(start, messages.size());

    String system = SystemPrompt.compose(
        opts.systemPromptPrefix(), chat.system(), chat.toolChoice(), chat.tools());
    Request.Input.UserInputs.Builder inputs = Request.Input.UserInputs.newBuilder();
    int lastQuery = lastUserIndex(input);
    for (int i = 0; i < input.size(); i++) {
      inputs.addInputs(userInput(input.get(i), i == lastQuery ? system : null));
    }
    if (lastQuery < 0 && system != null) {
      attachToHistory(history, system, taskId, opts.ids());
    }

    Request.Input.Builder in = Request.Input.newBuilder().setUserInputs(inputs);
    InputContext images = HistoryEncoder.images(input.stream()
        .filter(m -> m instanceof ChatMessage.User)
        .map(m -> (ChatMessage.User) m)
        .toList());
    if (images.getImagesCount() > 0) {
      in.setContext(images);
    }

    Request.Builder req = Request.newBuilder()
        .setTaskContext(Request.TaskContext.newBuilder()
            .addTasks(Task.newBuilder().setId(taskId).addAllMessages(history)))
        .setInput(in)
        .setSettings(settings(chat.model()))
        .setMetadata(metadata(opts.conversationId()));
    if (chat.toolChoice().mode() != ToolChoice.Mode.NONE && !chat.tools().isEmpty()) {
      List<Request.MCPContext.MCPTool> tools = ToolSchemas.mcpTools(chat.tools());
      Request.MCPContext.Builder mcp = Request.MCPContext.newBuilder();
      if (opts.mcpServersForm()) {
        mcp.addServers(
            Request.MCPContext.MCPServer.newBuilder().setName(MCP_SERVER_NAME).addAllTools(tools));
      } else {
        addDeprecatedTools(mcp, tools);
      }
      req.setMcpContext(mcp);
    }
    return req.build();
  }

  private static int inputStart(List<ChatMessage> messages) {
    int start = messages.size();
    while (start > 0 && !(messages.get(start - 1) instanceof ChatMessage.Assistant)) {
      start--;
    }
    if (start == messages.size()) {
      throw GatewayException.invalid(
          "the conversation must end with a user message or tool result", "messages");
    }
    return start;
  }

  private static int lastUserIndex(List<ChatMessage> input) {
    for (int i = input.size() - 1; i >= 0; i--) {
      if (input.get(i) instanceof ChatMessage.User) {
        return i;
      }
    }
    return -1;
  }

  private static Request.Input.UserInputs.UserInput userInput(ChatMessage m, String system) {
    Request.Input.UserInputs.UserInput.Builder b = Request.Input.UserInputs.UserInput.newBuilder();
    switch (m) {
      case ChatMessage.User u -> {
        Request.Input.UserQuery.Builder q = Request.Input.UserQuery.newBuilder()
            .setQuery(u.text())
            .setMode(UserQueryMode.getDefaultInstance())
            .setIntendedAgent(AgentType.AGENT_TYPE_PRIMARY);
        if (system != null) {
          q.putReferencedAttachments(
              SYSTEM_PROMPT_KEY, Attachment.newBuilder().setPlainText(system).build());
        }
        b.setUserQuery(q);
      }
      case ChatMessage.ToolResult r ->
        b.setToolCallResult(Request.Input.ToolCallResult.newBuilder()
            .setToolCallId(r.toolCallId())
            .setCallMcpTool(HistoryEncoder.result(r)));
      case ChatMessage.Assistant a ->
        throw new IllegalStateException("assistant message inside the input");
    }
    return b.build();
  }

  private static void attachToHistory(
      List<Message> history, String system, String taskId, RequestIds ids) {
    Attachment prompt = Attachment.newBuilder().setPlainText(system).build();
    for (int i = history.size() - 1; i >= 0; i--) {
      Message m = history.get(i);
      if (m.getMessageCase() == Message.MessageCase.USER_QUERY) {
        history.set(
            i,
            m.toBuilder()
                .setUserQuery(m.getUserQuery().toBuilder()
                    .putReferencedAttachments(SYSTEM_PROMPT_KEY, prompt))
                .build());
        return;
      }
    }
    history.add(
        0,
        Message.newBuilder()
            .setId(ids.next())
            .setTaskId(taskId)
            .setUserQuery(
                Message.UserQuery.newBuilder().putReferencedAttachments(SYSTEM_PROMPT_KEY, prompt))
            .build());
  }

  private static Request.Settings settings(String model) {
    if (model == null) {
      return buildSettings(null);
    }
    Request.Settings cached = SETTINGS.get(model);
    if (cached != null) {
      return cached;
    }
    Request.Settings built = buildSettings(model);
    if (SETTINGS.size() < SETTINGS_CACHE_LIMIT) {
      SETTINGS.putIfAbsent(model, built);
    }
    return built;
  }

  private static Request.Settings buildSettings(String model) {
    return Request.Settings.newBuilder()
        .setModelConfig(
            Request.Settings.ModelConfig.newBuilder().setBase(model).setCliAgent(CLI_AGENT_MODEL))
        .setSupportsParallelToolCalls(true)
        .setSupportsReasoningMessage(true)
        .addSupportedTools(ToolType.CALL_MCP_TOOL)
        .build();
  }

  private static Request.Metadata metadata(String conversationId) {
    return conversationId == null || conversationId.isEmpty()
        ? NO_CONVERSATION_METADATA
        : buildMetadata(conversationId);
  }

  private static Request.Metadata buildMetadata(String conversationId) {
    Request.Metadata.Builder m = Request.Metadata.newBuilder();
    if (conversationId != null && !conversationId.isEmpty()) {
      m.setConversationId(conversationId);
    }
    return m.putLogging(
            "entrypoint", Value.newBuilder().setStringValue("USER_INITIATED").build())
        .putLogging(
            "is_auto_resume_after_error", Value.newBuilder().setBoolValue(false).build())
        .putLogging(
            "is_autodetected_user_query", Value.newBuilder().setBoolValue(true).build())
        .build();
  }

  @SuppressWarnings(
      "deprecation") // mcp_context.tools (2): deprecated upstream, still the form the bridge used
  private static void addDeprecatedTools(
      Request.MCPContext.Builder mcp, List<Request.MCPContext.MCPTool> tools) {
    mcp.addAllTools(tools);
  }
}
