package dev.warp2api.config;

import java.util.Map;
import java.util.Objects;

/**
 * How client requests become Warp requests where the protocol leaves a choice.
 *
 * @param modelAliases {@code W2A_MODEL_ALIASES}: lower-case client model name to Warp model id
 * @param systemPromptPrefix {@code W2A_SYSTEM_PROMPT_PREFIX}: text put before the client's system
 *     prompt (empty when set to {@code none})
 * @param mcpServersForm {@code W2A_MCP_SERVERS_FORM}: send tools in {@code mcp_context.servers}
 *     instead of the deprecated {@code tools}
 */
public record TranslationSettings(
    Map<String, String> modelAliases, String systemPromptPrefix, boolean mcpServersForm) {

  public TranslationSettings {
    modelAliases = Map.copyOf(modelAliases);
    Objects.requireNonNull(systemPromptPrefix, "systemPromptPrefix");
  }
}
