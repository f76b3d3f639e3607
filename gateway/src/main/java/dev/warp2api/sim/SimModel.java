package dev.warp2api.sim;

import java.util.List;
import java.util.Objects;

/**
 * One model the simulator offers in {@code GetFeatureModelChoices} and names in usage metadata.
 *
 * @param id the Warp model id sent in {@code settings.model_config.base}, e.g.
 *     {@code claude-4-5-sonnet}
 * @param displayName the name Warp shows and uses as key of {@code warp_token_usage}, e.g.
 *     {@code Claude Sonnet 4.5}
 * @param provider {@code ANTHROPIC}, {@code OPENAI}, {@code GOOGLE}, {@code FIREWORKS} or
 *     {@code WARP}
 * @param visionSupported whether the model accepts images
 * @param contextWindow context window in tokens (used for {@code context_window_usage})
 */
public record SimModel(
    String id, String displayName, String provider, boolean visionSupported, int contextWindow) {
  public SimModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(provider, "provider");
    if (id.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank");
    }
    if (contextWindow <= 0) {
      throw new IllegalArgumentException(
          "contextWindow of model " + id + " must be > 0, got " + contextWindow);
    }
  }

  /**
   * Warp's published 2026 id list plus the {@code auto} routers (docs/PROTOCOL.md, 'Model ids').
   */
  public static List<SimModel> defaults() {
    return DEFAULTS;
  }

  private static final List<SimModel> DEFAULTS = List.of(
      new SimModel("auto", "Auto (Responsive)", "WARP", true, 200_000),
      new SimModel("auto-efficient", "Auto (Cost-efficient)", "WARP", true, 200_000),
      new SimModel("auto-genius", "Auto (Genius)", "WARP", true, 200_000),
      new SimModel("auto-open", "Auto (Open-weights)", "WARP", false, 128_000),
      new SimModel("claude-4-7-opus-high", "Claude Opus 4.7 (high)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-7-opus-xhigh", "Claude Opus 4.7 (xhigh)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-7-opus-max", "Claude Opus 4.7 (max)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-6-opus-high", "Claude Opus 4.6 (high)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-6-opus-max", "Claude Opus 4.6 (max)", "ANTHROPIC", true, 200_000),
      new SimModel(
          "claude-4-6-sonnet-high", "Claude Sonnet 4.6 (high)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-6-sonnet-max", "Claude Sonnet 4.6 (max)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-5-opus", "Claude Opus 4.5", "ANTHROPIC", true, 200_000),
      new SimModel(
          "claude-4-5-opus-thinking", "Claude Opus 4.5 (thinking)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-5-sonnet", "Claude Sonnet 4.5", "ANTHROPIC", true, 200_000),
      new SimModel(
          "claude-4-5-sonnet-thinking", "Claude Sonnet 4.5 (thinking)", "ANTHROPIC", true, 200_000),
      new SimModel("claude-4-5-haiku", "Claude Haiku 4.5", "ANTHROPIC", true, 200_000),
      new SimModel("gpt-5-5-low", "GPT-5.5 (low)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-5-medium", "GPT-5.5 (medium)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-5-high", "GPT-5.5 (high)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-5-xhigh", "GPT-5.5 (xhigh)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-4-low", "GPT-5.4 (low)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-4-medium", "GPT-5.4 (medium)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-4-high", "GPT-5.4 (high)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-4-xhigh", "GPT-5.4 (xhigh)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-3-codex-low", "GPT-5.3 Codex (low)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-3-codex-medium", "GPT-5.3 Codex (medium)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-3-codex-high", "GPT-5.3 Codex (high)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-3-codex-xhigh", "GPT-5.3 Codex (xhigh)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-2-codex-low", "GPT-5.2 Codex (low)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-2-codex-medium", "GPT-5.2 Codex (medium)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-2-codex-high", "GPT-5.2 Codex (high)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-2-codex-xhigh", "GPT-5.2 Codex (xhigh)", "OPENAI", false, 400_000),
      new SimModel("gpt-5-2-low", "GPT-5.2 (low)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-2-medium", "GPT-5.2 (medium)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-2-high", "GPT-5.2 (high)", "OPENAI", true, 400_000),
      new SimModel("gpt-5-2-xhigh", "GPT-5.2 (xhigh)", "OPENAI", true, 400_000),
      new SimModel("gemini-3.1-pro", "Gemini 3.1 Pro", "GOOGLE", true, 1_000_000),
      new SimModel("glm-5-fireworks", "GLM 5", "FIREWORKS", false, 200_000),
      new SimModel("glm-5.1-fireworks", "GLM 5.1", "FIREWORKS", false, 200_000),
      new SimModel("kimi-k25-fireworks", "Kimi K2.5", "FIREWORKS", false, 256_000),
      new SimModel("kimi-k26-fireworks", "Kimi K2.6", "FIREWORKS", false, 256_000),
      new SimModel("minimax-2.7-fireworks", "MiniMax 2.7", "FIREWORKS", false, 200_000),
      new SimModel("qwen-3.6-plus-fireworks", "Qwen 3.6 Plus", "FIREWORKS", false, 256_000));
}
