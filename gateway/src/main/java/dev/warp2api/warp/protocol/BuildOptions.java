package dev.warp2api.warp.protocol;

import java.util.Objects;

/**
 * How {@link RequestBuilder} shapes a request beyond what the chat says.
 *
 * @param conversationId Warp's conversation id to continue ({@code metadata.conversation_id}), or
 *     {@code null} for a new conversation
 * @param systemPromptPrefix text put before the client's system prompt (a steering note of the
 *     gateway), possibly empty, never null
 * @param mcpServersForm send tools as {@code mcp_context.servers[0].tools} (today's field 3)
 *     instead of the deprecated {@code mcp_context.tools} (field 2)
 * @param ids the id supplier for the task and the history messages
 */
public record BuildOptions(
    String conversationId, String systemPromptPrefix, boolean mcpServersForm, RequestIds ids) {
  public BuildOptions {
    systemPromptPrefix = systemPromptPrefix == null ? "" : systemPromptPrefix;
    Objects.requireNonNull(ids, "ids");
  }

  /** A new conversation, no prefix, deprecated tools form, random ids. */
  public static BuildOptions defaults() {
    return new BuildOptions(null, "", false, RequestIds.random());
  }

  public BuildOptions withConversationId(String id) {
    return new BuildOptions(id, systemPromptPrefix, mcpServersForm, ids);
  }

  public BuildOptions withSystemPromptPrefix(String prefix) {
    return new BuildOptions(conversationId, prefix, mcpServersForm, ids);
  }

  public BuildOptions withMcpServersForm(boolean serversForm) {
    return new BuildOptions(conversationId, systemPromptPrefix, serversForm, ids);
  }

  public BuildOptions withIds(RequestIds newIds) {
    return new BuildOptions(conversationId, systemPromptPrefix, mcpServersForm, newIds);
  }
}
