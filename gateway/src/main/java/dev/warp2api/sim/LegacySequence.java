package dev.warp2api.sim;

import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The 2025-08 event sequence the bridge handled (docs/PROTOCOL.md, 'Event sequence'): init →
 * add_messages(empty agent_output) → [append(agent_output.reasoning)] → append(agent_output.text)*
 * → add_messages(tool_call)* → finished{reason, token_usage[{model_id, total_input, output}]}.
 */
final class LegacySequence {
  private LegacySequence() {}

  static int fixedEvents(boolean reasoning, int toolCalls) {
    return 3 + (reasoning ? 1 : 0) + toolCalls;
  }

  @SuppressWarnings("deprecation")
  static List<Buffer> frames(Turn t, ReplyPlan p) {
    SseFraming f = SseFraming.LEGACY;
    List<Buffer> out = new ArrayList<>(p.deltas().size() + 4);
    String task = t.taskId();
    String id = MessageFactory.uuid();
    out.add(f.frame(MessageFactory.init(t)));
    out.add(f.frame(MessageFactory.add(
        task,
        Message.newBuilder()
            .setId(id)
            .setTaskId(task)
            .setAgentOutput(Message.AgentOutput.getDefaultInstance())
            .build())));
    if (!p.reasoning().isEmpty()) {
      out.add(f.frame(MessageFactory.append(
          task,
          Message.newBuilder()
              .setId(id)
              .setTaskId(task)
              .setAgentOutput(Message.AgentOutput.newBuilder().setReasoning(p.reasoning()))
              .build(),
          MessageFactory.REASONING_MASK)));
    }
    for (String delta : p.deltas()) {
      out.add(f.frame(MessageFactory.append(
          task,
          Message.newBuilder()
              .setId(id)
              .setTaskId(task)
              .setAgentOutput(Message.AgentOutput.newBuilder().setText(delta))
              .build(),
          MessageFactory.TEXT_MASK)));
    }
    for (SimToolCall c : p.toolCalls()) {
      out.add(f.frame(MessageFactory.add(
          task,
          Message.newBuilder()
              .setId(MessageFactory.uuid())
              .setTaskId(task)
              .setToolCall(MessageFactory.toolCall(c))
              .build())));
    }
    StreamFinished.Builder fin = StreamFinished.newBuilder()
        .addTokenUsage(StreamFinished.TokenUsage.newBuilder()
            .setModelId(t.model().id())
            .setTotalInput(t.inputTokens())
            .setOutput(p.outputTokens()));
    out.add(f.frame(ResponseEvent.newBuilder()
        .setFinished(FinishReasons.apply(fin, p.finish()))
        .build()));
    return out;
  }
}
