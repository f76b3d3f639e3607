package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The bridge's event classification strings (docs/PROTOCOL.md, 'Bridge JSON') and the event JSON of
 * the send routes. Stateless.
 *
 * <p>{@code send_stream} names each action: {@code CREATE_TASK}, {@code APPEND_CONTENT},
 * {@code ADD_MESSAGE}, and for every other action its field name in upper case (e.g.
 * {@code UPDATE_TASK_MESSAGE}, {@code BEGIN_TRANSACTION}) where the original said
 * {@code UNKNOWN_ACTION}; {@code UNKNOWN_ACTION} remains for an action our schema does not know.
 */
final class EventType {
  static final String INITIALIZATION = "INITIALIZATION";
  static final String FINISHED = "FINISHED";
  static final String CLIENT_ACTIONS_EMPTY = "CLIENT_ACTIONS_EMPTY";
  static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";

  private EventType() {}

  /** The classification of {@code /api/warp/send_stream}: actions listed by name. */
  static String forSendStream(ResponseEvent event) {
    if (!event.hasClientActions() || event.getClientActions().getActionsCount() == 0) {
      return common(event);
    }
    return event.getClientActions().getActionsList().stream()
        .map(EventType::action)
        .collect(Collectors.joining(", ", "CLIENT_ACTIONS(", ")"));
  }

  /** The classification of {@code /api/warp/send_stream_sse}: actions counted. */
  static String forSse(ResponseEvent event) {
    if (!event.hasClientActions() || event.getClientActions().getActionsCount() == 0) {
      return common(event);
    }
    return "CLIENT_ACTIONS(" + event.getClientActions().getActionsCount() + ")";
  }

  /** {@code {"event_number", "event_type", "parsed_data"}} for one event. */
  static ObjectNode json(int eventNumber, String eventType, ResponseEvent event) {
    ObjectNode out = BridgeBody.JSON.createObjectNode();
    out.put("event_number", eventNumber);
    out.put("event_type", eventType);
    out.set("parsed_data", BridgeCodec.render(event));
    return out;
  }

  private static String common(ResponseEvent event) {
    return switch (event.getTypeCase()) {
      case INIT -> INITIALIZATION;
      case FINISHED -> FINISHED;
      case CLIENT_ACTIONS -> CLIENT_ACTIONS_EMPTY;
      case TYPE_NOT_SET -> UNKNOWN_EVENT;
    };
  }

  private static String action(ClientAction action) {
    return switch (action.getActionCase()) {
      case CREATE_TASK -> "CREATE_TASK";
      case APPEND_TO_MESSAGE_CONTENT -> "APPEND_CONTENT";
      case ADD_MESSAGES_TO_TASK -> "ADD_MESSAGE";
      case ACTION_NOT_SET -> "UNKNOWN_ACTION";
      case UPDATE_TASK_STATUS,
          UPDATE_TASK_MESSAGE,
          SHOW_SUGGESTIONS,
          UPDATE_TASK_SUMMARY,
          UPDATE_TASK_DESCRIPTION,
          BEGIN_TRANSACTION,
          COMMIT_TRANSACTION,
          ROLLBACK_TRANSACTION,
          START_NEW_CONVERSATION,
          UPDATE_TASK_SERVER_DATA,
          MOVE_MESSAGES_TO_NEW_TASK -> action.getActionCase().name().toUpperCase(Locale.ROOT);
    };
  }
}
