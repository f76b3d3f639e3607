package dev.warp2api.api;

import java.util.Objects;

/**
 * One Warp model the gateway offers, as Warp's {@code GetFeatureModelChoices} describes it (or as
 * the documented list names it, with the optional facts unknown).
 *
 * @param id the Warp model id, sent upstream as {@code model_config.base}
 * @param displayName Warp's display name, or null
 * @param vision whether the model accepts images, or null when unknown
 * @param contextWindow the default context window in tokens, or null when unknown
 * @param provider who serves it ({@code openai}, {@code anthropic}, {@code google},
 *     {@code fireworks}, {@code warp} for routers), or null
 */
public record ModelInfo(
    String id, String displayName, Boolean vision, Integer contextWindow, String provider) {
  public ModelInfo {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("model id is blank");
    }
  }

  /** A model known only by its id and provider. */
  public static ModelInfo of(String id, String provider) {
    return new ModelInfo(id, null, null, null, provider);
  }
}
