package dev.warp2api.core;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, in our own terms. System text is carried by
 * {@link ChatRequest#system()}.
 */
public sealed interface ChatMessage {

  /** A user turn: text and images, in order. */
  record User(List<ContentPart> parts) implements ChatMessage {
    public User {
      parts = List.copyOf(parts);
    }

    public static User text(String text) {
      return new User(List.of(new ContentPart.Text(text)));
    }

    /** The text parts concatenated with newlines between them. */
    public String text() {
      StringBuilder sb = new StringBuilder();
      for (ContentPart p : parts) {
        if (p instanceof ContentPart.Text t) {
          if (!sb.isEmpty()) {
            sb.append('\n');
          }
          sb.append(t.text());
        }
      }
      return sb.toString();
    }
  }

  /**
   * An earlier answer of the model.
   *
   * @param text visible text, possibly empty
   * @param reasoning reasoning text, or {@code null}
   * @param toolCalls tool calls the model made, in order
   */
  record Assistant(String text, String reasoning, List<ToolCall> toolCalls) implements ChatMessage {
    public Assistant {
      text = text == null ? "" : text;
      toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
  }

  /**
   * The result of one tool call, sent back by the client.
   *
   * @param toolCallId the id of the call this answers
   * @param content the result text
   * @param isError whether the tool failed
   */
  record ToolResult(String toolCallId, String content, boolean isError) implements ChatMessage {
    public ToolResult {
      Objects.requireNonNull(toolCallId, "toolCallId");
      content = content == null ? "" : content;
    }
  }
}
