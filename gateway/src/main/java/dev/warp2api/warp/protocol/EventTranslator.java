package dev.warp2api.warp.protocol;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ToolCall;
import dev.warp2api.warp.protocol.EventView.MessageView;
import dev.warp2api.warp.protocol.pb.Message;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns one upstream stream's events ({@link EventView}s of Warp's {@code ResponseEvent}s) into
 * {@link ChatEvent}s, remembering what it has already emitted so that no text is sent twice.
 *
 * <p>What becomes what:
 *
 * <ul>
 *   <li>{@code init} → {@link ChatEvent.Started}; {@code finished} → {@link ChatEvent.Finished}
 *       (see {@link FinishReader} for usage).
 *   <li>Text: {@code agent_output.text} of a message added by {@code add_messages_to_task} (today's
 *       first chunk, or the legacy empty opener), then {@code append_to_message_content} deltas
 *       ({@code agent_output.text} in the mask, or no mask). A message that arrives whole again — a
 *       repeated add, or {@code update_task_message} replacing the text — yields only the suffix
 *       not yet emitted when it extends what was sent; a rewrite that does not extend it yields
 *       nothing and becomes the new baseline. User-query echoes, server events and
 *       {@code create_task} never yield text.
 *   <li>Reasoning: {@code agent_reasoning.reasoning} (message field 15, appended with mask
 *       {@code agent_reasoning.reasoning}) and legacy {@code agent_output.reasoning}, with the same
 *       rules → {@link ChatEvent.ReasoningDelta}.
 *   <li>Tool calls: {@code tool_call.call_mcp_tool} → {@link ChatEvent.ToolCallEvent}, once per
 *       {@code tool_call_id} (an empty id gets {@code toolu_}+random, stable per message). Other
 *       tool kinds are Warp's own tools, not the client's, and are ignored.
 *   <li>Transactions: text cannot be unsent, so {@code rollback_transaction} only stops further
 *       output from the messages touched since {@code begin_transaction}. Tool calls inside a
 *       transaction are held until {@code commit_transaction} and dropped on rollback; if the
 *       stream finishes with the transaction still open they are released just before
 *       {@code Finished}.
 *   <li>Unknown events, actions, message kinds and fields are skipped.
 * </ul>
 *
 * <p>Not thread-safe: one instance per upstream stream, used from one thread.
 */
public final class EventTranslator {
  private final Supplier<String> toolCallIds;
  private final Map<String, StringBuilder> textSent = new HashMap<>();
  private final Map<String, StringBuilder> reasoningSent = new HashMap<>();
  private final Set<String> toolCallsSent = new HashSet<>();
  private final Map<String, String> generatedToolIds = new HashMap<>();
  private final Set<String> rolledBack = new HashSet<>();
  private final Set<String> inTransaction = new HashSet<>();
  private final Map<String, ToolCall> heldToolCalls = new LinkedHashMap<>();
  private boolean transactionOpen;

  /** A translator that names id-less tool calls {@code toolu_} + 24 random hex digits. */
  public EventTranslator() {
    this(() -> "toolu_" + RequestIds.random().next().replace("-", "").substring(0, 24));
  }

  /** @param toolCallIds supplies ids for tool calls Warp sent without one */
  public EventTranslator(Supplier<String> toolCallIds) {
    this.toolCallIds = Objects.requireNonNull(toolCallIds, "toolCallIds");
  }

  /**
   * The chat events one upstream event means, in order; empty when it means nothing to a client.
   *
   * @param event the event as {@link EventView#parse(byte[])} or {@link EventPayloads#view} read it
   */
  public List<ChatEvent> translate(EventView event) {
    List<ChatEvent> out = new ArrayList<>(2);
    switch (event) {
      case EventView.Init init ->
        out.add(new ChatEvent.Started(init.conversationId(), init.requestId()));
      case EventView.Actions actions -> {
        for (EventView.Action action : actions.actions()) {
          apply(action, out);
        }
      }
      case EventView.Finished finished -> {
        releaseHeld(out);
        out.add(FinishReader.read(finished.finished()));
      }
      case EventView.Other other -> {}
    }
    return out;
  }

  /**
   * {@link #translate(EventView)} of a parsed event, re-serialised and read back the way the
   * gateway reads Warp's bytes (so this overload exercises the same reader).
   */
  public List<ChatEvent> translate(ResponseEvent event) {
    return translate(EventView.parse(event.toByteArray()));
  }

  private void apply(EventView.Action action, List<ChatEvent> out) {
    switch (action) {
      case EventView.AddMessages add -> {
        for (MessageView m : add.messages()) {
          whole(m, MessageMask.ALL, out);
        }
      }
      case EventView.Update update -> whole(update.message(), update.mask(), out);
      case EventView.Append append -> append(append.message(), append.mask(), out);
      case EventView.Transaction t -> transaction(t, out);
      case EventView.OtherAction other -> {}
    }
  }

  private void transaction(EventView.Transaction t, List<ChatEvent> out) {
    switch (t) {
      case BEGIN -> {
        transactionOpen = true;
        inTransaction.clear();
      }
      case COMMIT -> {
        transactionOpen = false;
        inTransaction.clear();
        releaseHeld(out);
      }
      case ROLLBACK -> {
        transactionOpen = false;
        rolledBack.addAll(inTransaction);
        inTransaction.clear();
        heldToolCalls.values().forEach(tc -> toolCallsSent.remove(tc.id()));
        heldToolCalls.clear();
      }
    }
  }

  /** A message carrying its whole content so far (added, or replaced under a mask). */
  private void whole(MessageView m, MessageMask mask, List<ChatEvent> out) {
    String id = m.id();
    if (rolledBack.contains(id)) {
      return;
    }
    touch(id);
    switch (m.kind()) {
      case AGENT_OUTPUT -> {
        if (mask.text()) {
          extend(textSent, id, m.text(), out, false);
        }
        if (mask.legacyReasoning()) {
          extend(reasoningSent, id, m.legacyReasoning(), out, true);
        }
      }
      case AGENT_REASONING -> {
        if (mask.reasoning()) {
          extend(reasoningSent, id, m.reasoning(), out, true);
        }
      }
      case TOOL_CALL -> {
        if (mask.toolCall()
            && m.toolCall().getToolCase() == Message.ToolCall.ToolCase.CALL_MCP_TOOL) {
          toolCall(id, m.toolCall(), out);
        }
      }
      case OTHER -> {}
    }
  }

  /** A message carrying only new content to add at the end. */
  private void append(MessageView m, MessageMask mask, List<ChatEvent> out) {
    String id = m.id();
    if (rolledBack.contains(id)) {
      return;
    }
    touch(id);
    if (m.kind() == EventView.Kind.AGENT_OUTPUT) {
      if (mask.text()) {
        add(textSent, id, m.text(), out, false);
      }
      if (mask.legacyReasoning()) {
        add(reasoningSent, id, m.legacyReasoning(), out, true);
      }
    } else if (m.kind() == EventView.Kind.AGENT_REASONING && mask.reasoning()) {
      add(reasoningSent, id, m.reasoning(), out, true);
    }
  }

  private void extend(
      Map<String, StringBuilder> sent,
      String id,
      String full,
      List<ChatEvent> out,
      boolean reasoning) {
    StringBuilder soFar = sent.computeIfAbsent(id, k -> new StringBuilder());
    if (full.length() > soFar.length() && full.startsWith(soFar.toString())) {
      add(sent, id, full.substring(soFar.length()), out, reasoning);
    } else if (!full.isEmpty() && !soFar.toString().startsWith(full)) {
      // A rewrite, not a repeat or a shorter prefix of what was sent: it becomes the baseline.
      soFar.setLength(0);
      soFar.append(full);
    }
  }

  private static void add(
      Map<String, StringBuilder> sent,
      String id,
      String delta,
      List<ChatEvent> out,
      boolean reasoning) {
    if (delta.isEmpty()) {
      return;
    }
    sent.computeIfAbsent(id, k -> new StringBuilder()).append(delta);
    out.add(reasoning ? new ChatEvent.ReasoningDelta(delta) : new ChatEvent.TextDelta(delta));
  }

  private void toolCall(String messageId, Message.ToolCall call, List<ChatEvent> out) {
    String callId = call.getToolCallId();
    if (callId.isEmpty()) {
      callId = generatedToolIds.computeIfAbsent(messageId, k -> toolCallIds.get());
    }
    if (!toolCallsSent.add(callId)) {
      return;
    }
    Message.ToolCall.CallMCPTool mcp = call.getCallMcpTool();
    ToolCall tc = new ToolCall(callId, mcp.getName(), StructJson.toJson(mcp.getArgs()));
    if (transactionOpen) {
      heldToolCalls.put(messageId + "\u0000" + callId, tc);
    } else {
      out.add(new ChatEvent.ToolCallEvent(tc));
    }
  }

  private void releaseHeld(List<ChatEvent> out) {
    for (ToolCall tc : heldToolCalls.values()) {
      out.add(new ChatEvent.ToolCallEvent(tc));
    }
    heldToolCalls.clear();
  }

  private void touch(String id) {
    if (transactionOpen) {
      inTransaction.add(id);
    }
  }
}
