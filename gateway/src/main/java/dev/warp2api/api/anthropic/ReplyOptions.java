package dev.warp2api.api.anthropic;

/**
 * What the client asked to see in an Anthropic reply, beyond its content.
 *
 * @param thinking whether Warp's reasoning is shown as {@code thinking} blocks; without it (no
 *     {@code thinking} in the request, or {@code type: "disabled"}) reasoning is left out of the reply,
 *     as Anthropic sends none then
 */
public record ReplyOptions(boolean thinking) {

  /** Reasoning shown as {@code thinking} blocks. */
  public static final ReplyOptions WITH_THINKING = new ReplyOptions(true);

  /** Reasoning left out. */
  public static final ReplyOptions WITHOUT_THINKING = new ReplyOptions(false);
}
