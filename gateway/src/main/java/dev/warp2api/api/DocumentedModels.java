package dev.warp2api.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The Warp model ids of Warp's published list (2026-05-01; docs/PROTOCOL.md, 'Model ids'), used
 * when the accounts' own {@code GetFeatureModelChoices} cannot be read. The published list
 * abbreviates the reasoning variants of some OpenAI families as {@code {…}}; we assume the same
 * four levels as {@code gpt-5-5}.
 */
final class DocumentedModels {
  private static final List<String> REASONING_LEVELS = List.of("low", "medium", "high", "xhigh");

  private static final List<String> OPENAI_FAMILIES =
      List.of("gpt-5-5", "gpt-5-4", "gpt-5-3-codex", "gpt-5-2-codex", "gpt-5-2");

  private static final List<String> ANTHROPIC = List.of(
      "claude-4-7-opus-xhigh",
      "claude-4-7-opus-high",
      "claude-4-7-opus-max",
      "claude-4-6-opus-high",
      "claude-4-6-opus-max",
      "claude-4-6-sonnet-high",
      "claude-4-6-sonnet-max",
      "claude-4-5-opus",
      "claude-4-5-opus-thinking",
      "claude-4-5-sonnet",
      "claude-4-5-sonnet-thinking",
      "claude-4-5-haiku");

  private static final List<String> FIREWORKS = List.of(
      "glm-5-fireworks",
      "glm-5.1-fireworks",
      "kimi-k25-fireworks",
      "kimi-k26-fireworks",
      "minimax-2.7-fireworks",
      "qwen-3.6-plus-fireworks");

  /** Warp's routers: Responsive, Cost-efficient, Genius, Open-weights. */
  private static final List<String> ROUTERS =
      List.of("auto", "auto-efficient", "auto-genius", "auto-open");

  static final List<ModelInfo> ALL = build();

  private DocumentedModels() {}

  private static List<ModelInfo> build() {
    List<ModelInfo> all = new ArrayList<>();
    ROUTERS.forEach(id -> all.add(ModelInfo.of(id, "warp")));
    for (String family : OPENAI_FAMILIES) {
      REASONING_LEVELS.forEach(level -> all.add(ModelInfo.of(family + "-" + level, "openai")));
    }
    ANTHROPIC.forEach(id -> all.add(ModelInfo.of(id, "anthropic")));
    all.add(ModelInfo.of("gemini-3.1-pro", "google"));
    FIREWORKS.forEach(id -> all.add(ModelInfo.of(id, "fireworks")));
    return List.copyOf(all);
  }
}
