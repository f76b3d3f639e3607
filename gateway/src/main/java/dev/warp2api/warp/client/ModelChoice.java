package dev.warp2api.warp.client;

/**
 * A model the account may pick in agent mode ({@code GetFeatureModelChoices}; docs/PROTOCOL.md,
 * 'Model ids').
 *
 * @param id the id to put in {@code settings.model_config.base}, e.g. {@code claude-4-5-sonnet}
 * @param displayName Warp's label, e.g. {@code Claude Sonnet 4.5}; the id when absent
 * @param vision whether it accepts images ({@code visionSupported}; false when absent)
 * @param contextWindow the maximum context window in tokens ({@code contextWindow.max}, else
 *     {@code .default}), or null when unknown
 * @param disableReason why it cannot be used now ({@code OUT_OF_REQUESTS},
 *     {@code REQUIRES_UPGRADE}, ...), or null when usable
 * @param provider e.g. {@code ANTHROPIC}, or null
 */
public record ModelChoice(
    String id,
    String displayName,
    boolean vision,
    Integer contextWindow,
    String disableReason,
    String provider) {

  /** Whether Warp lets this account use it right now. */
  public boolean enabled() {
    return disableReason == null || disableReason.isBlank();
  }
}
