package dev.warp2api.sim;

import com.google.protobuf.Timestamp;
import dev.warp2api.warp.protocol.pb.Request;
import java.time.Instant;
import java.util.UUID;

/**
 * What one accepted AI request is about, as the sequences need it: ids, the user's query, the
 * model, the token estimate and the credits charged.
 *
 * @param conversationId {@code metadata.conversation_id} of the request, or a new UUID
 * @param requestId a new UUID per request
 * @param taskId the id of the first task in {@code task_context}, or a new UUID
 * @param newTask whether the task is new (then {@code create_task} is sent)
 * @param input the request's {@code input} (echoed as a user-query message)
 * @param query the last user query text ("" when the turn carries only tool results)
 * @param model the model the request names (or a stand-in for an unknown id)
 * @param inputTokens estimated input tokens (~4 characters per token of the whole request)
 * @param credits credits this request cost
 * @param conversationCredits credits spent in the conversation, this request included
 * @param now the simulator clock at acceptance
 */
record Turn(
    String conversationId,
    String requestId,
    String taskId,
    boolean newTask,
    Request.Input input,
    String query,
    SimModel model,
    int inputTokens,
    float credits,
    float conversationCredits,
    Instant now) {

  static String conversationIdOf(Request r) {
    String c = r.getMetadata().getConversationId();
    return c.isEmpty() ? UUID.randomUUID().toString() : c;
  }

  /** Text of the last user query among the request's inputs; "" when there is none. */
  static String lastQuery(Request r) {
    Request.Input in = r.getInput();
    String q = in.hasUserQuery() ? in.getUserQuery().getQuery() : "";
    for (Request.Input.UserInputs.UserInput ui : in.getUserInputs().getInputsList()) {
      if (ui.hasUserQuery()) {
        q = ui.getUserQuery().getQuery();
      } else if (ui.hasCliAgentUserQuery()) {
        q = ui.getCliAgentUserQuery().getUserQuery().getQuery();
      }
    }
    return q;
  }

  /**
   * Input tokens at ~4 serialized bytes per token: covers history, tool schemas and the system
   * prompt.
   */
  static int estimateInputTokens(Request r) {
    return Math.max(1, (r.getSerializedSize() + 3) / 4);
  }

  static int estimateTokens(String text) {
    return (text.length() + 3) / 4;
  }

  Timestamp timestamp() {
    return Timestamp.newBuilder()
        .setSeconds(now.getEpochSecond())
        .setNanos(now.getNano())
        .build();
  }

  /**
   * A short task title from the query (the real server asks a model; "Simple Chinese Greeting").
   */
  String description() {
    String[] words = query.strip().split("\\s+");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length && i < 6 && sb.length() < 48; i++) {
      if (words[i].isEmpty()) {
        continue;
      }
      sb.append(sb.isEmpty() ? "" : " ")
          .append(Character.toUpperCase(words[i].charAt(0)))
          .append(words[i].substring(1));
    }
    return sb.isEmpty() ? "Conversation" : sb.toString();
  }
}
