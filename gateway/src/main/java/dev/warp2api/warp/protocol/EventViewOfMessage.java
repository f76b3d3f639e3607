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
 * {@link EventView#of(ResponseEvent)}: the view of an event protobuf-java already parsed. The reference
 * for what {@link EventViewReader} must produce, and its fallback for events whose meaning needs
 * protobuf's merge rules. Pure.
 */
final class EventViewOfMessage {
  private EventViewOfMessage() {}

  static EventView of(ResponseEvent event) {
    return switch (event.getTypeCase()) {
      case INIT -> new EventView.Init(event.getInit().getConversationId(), event.getInit().getRequestId());
      case CLIENT_ACTIONS -> {
        List<Action> actions = new ArrayList<>();
        for (ClientAction a : event.getClientActions().getActionsList()) {
          actions.add(action(a));
        }
        yield new EventView.Actions(actions);
      }
      case FINISHED -> new EventView.Finished(event.getFinished());
      default -> EventView.Other.INSTANCE;
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
      case UPDATE_TASK_MESSAGE -> new EventView.Update(message(a.getUpdateTaskMessage().getMessage()),
          MessageMask.of(a.getUpdateTaskMessage().getMask()));
      case APPEND_TO_MESSAGE_CONTENT -> new EventView.Append(message(a.getAppendToMessageContent().getMessage()),
          MessageMask.of(a.getAppendToMessageContent().getMask()));
      case BEGIN_TRANSACTION -> EventView.Transaction.BEGIN;
      case COMMIT_TRANSACTION -> EventView.Transaction.COMMIT;
      case ROLLBACK_TRANSACTION -> EventView.Transaction.ROLLBACK;
      default -> EventView.OtherAction.INSTANCE;
    };
  }

  @SuppressWarnings("deprecation") // agent_output.reasoning: removed upstream, still sent by 2025 servers
  static MessageView message(Message m) {
    return switch (m.getMessageCase()) {
      case AGENT_OUTPUT -> new MessageView(m.getId(), Kind.AGENT_OUTPUT,
          m.getAgentOutput().getText(), m.getAgentOutput().getReasoning(), "", null);
      case AGENT_REASONING -> new MessageView(m.getId(), Kind.AGENT_REASONING,
          "", "", m.getAgentReasoning().getReasoning(), null);
      case TOOL_CALL -> new MessageView(m.getId(), Kind.TOOL_CALL, "", "", "", m.getToolCall());
      default -> new MessageView(m.getId(), Kind.OTHER, "", "", "", null);
    };
  }
}
