package dev.warp2api.warp.protocol;

import dev.warp2api.warp.protocol.EventView.Action;
import dev.warp2api.warp.protocol.EventView.Kind;
import dev.warp2api.warp.protocol.EventView.MessageView;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventView#of(ResponseEvent)}: the view of an event protobuf-java already parsed. The
 * reference for what {@link EventViewReader} must produce, and its fallback for events whose
 * meaning needs protobuf's merge rules. Pure.
 */
final class EventViewOfMessage {
  private EventViewOfMessage() {}

  static EventView of(ResponseEvent event) {
    return switch (event.getTypeCase()) {
      case INIT ->
        new EventView.Init(event.getInit().getConversationId(), event.getInit().getRequestId());
      case CLIENT_ACTIONS -> {
        List<Action> actions = new ArrayList<>();
        for (ClientAction a : event.getClientActions().getActionsList()) {
          actions.add(action(a));
        }
        yield new EventView.Actions(actions);
      }
      case FINISHED -> new EventView.Finished(event.getFinished());
      case TYPE_NOT_SET -> EventView.Other.INSTANCE;
    };
  }

  private static Action action(ClientAction a) {
    return switch (a.getActionCase()) {
      case ADD_MESSAGES_TO_TASK -> {
        List<MessageView> messages = new ArrayList<>();
        for (Message m : a.getAddMessagesToTask().getMessagesList()) {
          messages.add(message(m));
        }
        yield new EventView.AddMessages(messages);
      }
      case UPDATE_TASK_MESSAGE ->
        new EventView.Update(
            message(a.getUpdateTaskMessage().getMessage()),
            MessageMask.of(a.getUpdateTaskMessage().getMask()));
      case APPEND_TO_MESSAGE_CONTENT ->
        new EventView.Append(
            message(a.getAppendToMessageContent().getMessage()),
            MessageMask.of(a.getAppendToMessageContent().getMask()));
      case BEGIN_TRANSACTION -> EventView.Transaction.BEGIN;
      case COMMIT_TRANSACTION -> EventView.Transaction.COMMIT;
      case ROLLBACK_TRANSACTION -> EventView.Transaction.ROLLBACK;
      case UPDATE_TASK_STATUS,
          SHOW_SUGGESTIONS,
          UPDATE_TASK_SUMMARY,
          UPDATE_TASK_DESCRIPTION,
          START_NEW_CONVERSATION,
          UPDATE_TASK_SERVER_DATA,
          MOVE_MESSAGES_TO_NEW_TASK,
          CREATE_TASK,
          ACTION_NOT_SET -> EventView.OtherAction.INSTANCE;
    };
  }

  @SuppressWarnings(
      "deprecation") // agent_output.reasoning: removed upstream, still sent by 2025 servers
  static MessageView message(Message m) {
    return switch (m.getMessageCase()) {
      case AGENT_OUTPUT ->
        new MessageView(
            m.getId(),
            Kind.AGENT_OUTPUT,
            m.getAgentOutput().getText(),
            m.getAgentOutput().getReasoning(),
            "",
            null);
      case AGENT_REASONING ->
        new MessageView(
            m.getId(), Kind.AGENT_REASONING, "", "", m.getAgentReasoning().getReasoning(), null);
      case TOOL_CALL -> new MessageView(m.getId(), Kind.TOOL_CALL, "", "", "", m.getToolCall());
      case USER_QUERY,
          TOOL_CALL_RESULT,
          SERVER_EVENT,
          SYSTEM_QUERY,
          UPDATE_TODOS,
          SUMMARIZATION,
          CODE_REVIEW,
          UPDATE_REVIEW_COMMENTS,
          WEB_SEARCH,
          WEB_FETCH,
          DEBUG_OUTPUT,
          ARTIFACT_EVENT,
          INVOKE_SKILL,
          MESSAGES_RECEIVED_FROM_AGENTS,
          MODEL_USED,
          EVENTS_FROM_AGENTS,
          PASSIVE_SUGGESTION_RESULT,
          ORCHESTRATION_CONFIG_SNAPSHOT,
          MESSAGE_NOT_SET -> new MessageView(m.getId(), Kind.OTHER, "", "", "", null);
    };
  }
}
