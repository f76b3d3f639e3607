package dev.warp2api.api.bridge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.GatewayException;
import dev.warp2api.pipeline.RawUpstreamSink;
import dev.warp2api.warp.protocol.pb.ClientAction;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects one {@code POST /api/warp/send_stream} answer: the assistant text (from the
 * {@link ChatEvent.TextDelta}s), the conversation id (from {@code init}), the task id (last of
 * {@code create_task} and {@code add_messages_to_task}), and every event as JSON. Nothing is sent
 * before the end, so it is {@link #restartable()}. Event-loop confined.
 */
final class StreamCollector implements RawUpstreamSink {
  private final int requestSize;
  private final Consumer<ObjectNode> onDone;
  private final Consumer<GatewayException> onFailed;
  private StringBuilder text;
  private String conversationId;
  private String taskId;
  private long responseSize;
  private ArrayNode events;
  private Map<String, Integer> summary;

  /**
   * @param requestSize bytes of the serialized Request
   * @param onDone receives the 200 body once
   * @param onFailed receives the failure once
   */
  StreamCollector(
      int requestSize, Consumer<ObjectNode> onDone, Consumer<GatewayException> onFailed) {
    this.requestSize = requestSize;
    this.onDone = onDone;
    this.onFailed = onFailed;
    restart();
  }

  @Override
  public void onRawEvent(ResponseEvent raw) {
    String type = EventType.forSendStream(raw);
    events.add(EventType.json(events.size() + 1, type, raw));
    summary.merge(type, 1, Integer::sum);
    responseSize += raw.getSerializedSize();
    if (raw.hasInit() && !raw.getInit().getConversationId().isEmpty()) {
      conversationId = raw.getInit().getConversationId();
    }
    for (ClientAction action : raw.getClientActions().getActionsList()) {
      String id = switch (action.getActionCase()) {
        case CREATE_TASK -> action.getCreateTask().getTask().getId();
        case ADD_MESSAGES_TO_TASK -> action.getAddMessagesToTask().getTaskId();
        case UPDATE_TASK_STATUS,
            UPDATE_TASK_MESSAGE,
            APPEND_TO_MESSAGE_CONTENT,
            SHOW_SUGGESTIONS,
            UPDATE_TASK_SUMMARY,
            UPDATE_TASK_DESCRIPTION,
            BEGIN_TRANSACTION,
            COMMIT_TRANSACTION,
            ROLLBACK_TRANSACTION,
            START_NEW_CONVERSATION,
            UPDATE_TASK_SERVER_DATA,
            MOVE_MESSAGES_TO_NEW_TASK,
            ACTION_NOT_SET -> "";
      };
      taskId = id.isEmpty() ? taskId : id;
    }
  }

  @Override
  public void onEvent(List<ChatEvent> chatEvents) {
    for (ChatEvent event : chatEvents) {
      if (event instanceof ChatEvent.TextDelta delta) {
        text.append(delta.text());
      }
    }
  }

  @Override
  public void onEnd() {
    ObjectNode out = BridgeBody.JSON.createObjectNode();
    out.put("response", text.toString());
    out.put("conversation_id", conversationId);
    out.put("task_id", taskId);
    out.put("request_size", requestSize);
    out.put("response_size", responseSize);
    out.put("message_type", EncodeRequest.REQUEST);
    out.set("parsed_events", events);
    out.put("events_count", events.size());
    ObjectNode counts = out.putObject("events_summary");
    summary.forEach(counts::put);
    onDone.accept(out);
  }

  @Override
  public void onFailure(GatewayException error) {
    onFailed.accept(error);
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public void restart() {
    text = new StringBuilder();
    conversationId = null;
    taskId = null;
    responseSize = 0;
    events = BridgeBody.JSON.createArrayNode();
    summary = new LinkedHashMap<>();
  }
}
