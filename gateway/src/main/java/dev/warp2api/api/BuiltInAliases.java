package dev.warp2api.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in alias table: names clients commonly send, mapped to today's Warp ids. Keys are lower
 * case and carry no date suffix ({@link ModelCatalog} strips {@code -20250929}, {@code -2024-08-06}
 * and {@code -latest}). docs/API.md reproduces this table.
 *
 * <p>Choices: each 2025 Warp id and each official name goes to the closest current Warp model of
 * the same vendor; OpenAI reasoning models and "high reasoning" go to the {@code high} variant,
 * small and older models to {@code low}, flagship chat names to {@code medium}.
 */
final class BuiltInAliases {
  /** Alias (lower case) to Warp id, in the order docs/API.md lists them. */
  /**
   * Default Warp id of each Claude family, for Anthropic ids no table names (see
   * {@code ModelCatalog}).
   */
  static final Map<String, String> CLAUDE_FAMILIES = Map.of(
      "opus", "claude-4-7-opus-high",
      "sonnet", "claude-4-6-sonnet-high",
      "haiku", "claude-4-5-haiku");

  static final Map<String, String> TABLE = build();

  private BuiltInAliases() {}

  private static Map<String, String> build() {
    Map<String, String> t = new LinkedHashMap<>();
    // The original Warp2Api's 2025 ids, gone from Warp's 2026 list.
    t.put("warp-basic", "auto-efficient");
    t.put("claude-4-sonnet", "claude-4-5-sonnet");
    t.put("claude-4-opus", "claude-4-5-opus");
    t.put("claude-4.1-opus", "claude-4-5-opus");
    t.put("gpt-5", "gpt-5-5-medium");
    t.put("gpt-5 (high reasoning)", "gpt-5-5-high");
    t.put("gpt-4o", "gpt-5-5-low");
    t.put("gpt-4.1", "gpt-5-5-low");
    t.put("o3", "gpt-5-5-high");
    t.put("o4-mini", "gpt-5-5-medium");
    t.put("gemini-2.5-pro", "gemini-3.1-pro");
    // Official OpenAI names.
    t.put("gpt-4o-mini", "gpt-5-5-low");
    t.put("gpt-4.1-mini", "gpt-5-5-low");
    t.put("gpt-4.1-nano", "gpt-5-5-low");
    t.put("gpt-4-turbo", "gpt-5-5-low");
    t.put("gpt-4", "gpt-5-5-low");
    t.put("gpt-3.5-turbo", "gpt-5-5-low");
    t.put("gpt-5-mini", "gpt-5-5-low");
    t.put("gpt-5-nano", "gpt-5-5-low");
    t.put("gpt-5-chat", "gpt-5-5-medium");
    t.put("gpt-5-codex", "gpt-5-3-codex-medium");
    t.put("gpt-5.1", "gpt-5-5-medium");
    t.put("gpt-5.1-codex", "gpt-5-3-codex-medium");
    t.put("gpt-5.2", "gpt-5-2-medium");
    t.put("gpt-5.2-codex", "gpt-5-2-codex-medium");
    t.put("gpt-5.3-codex", "gpt-5-3-codex-medium");
    t.put("gpt-5.4", "gpt-5-4-medium");
    t.put("gpt-5.5", "gpt-5-5-medium");
    t.put("o1", "gpt-5-5-high");
    t.put("o3-mini", "gpt-5-5-medium");
    t.put("o3-pro", "gpt-5-5-xhigh");
    // Official Anthropic names.
    t.put("claude-opus-4-7", "claude-4-7-opus-high");
    t.put("claude-opus-4-6", "claude-4-6-opus-high");
    t.put("claude-sonnet-4-6", "claude-4-6-sonnet-high");
    t.put("claude-opus-4-5", "claude-4-5-opus");
    t.put("claude-sonnet-4-5", "claude-4-5-sonnet");
    t.put("claude-haiku-4-5", "claude-4-5-haiku");
    t.put("claude-opus-4-1", "claude-4-5-opus");
    t.put("claude-opus-4", "claude-4-5-opus");
    t.put("claude-sonnet-4", "claude-4-5-sonnet");
    t.put("claude-3-7-sonnet", "claude-4-5-sonnet");
    t.put("claude-3-5-sonnet", "claude-4-5-sonnet");
    t.put("claude-3-5-haiku", "claude-4-5-haiku");
    t.put("claude-3-opus", "claude-4-5-opus");
    t.put("claude-3-haiku", "claude-4-5-haiku");
    // Official Google names.
    t.put("gemini-3.1-pro-preview", "gemini-3.1-pro");
    t.put("gemini-3-pro", "gemini-3.1-pro");
    t.put("gemini-3-pro-preview", "gemini-3.1-pro");
    return Collections.unmodifiableMap(t);
  }
}
