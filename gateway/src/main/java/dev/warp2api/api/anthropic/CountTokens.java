package dev.warp2api.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.GatewayException;
import java.util.Objects;

/**
 * {@code POST /v1/messages/count_tokens}: the same request shape as Messages ({@code max_tokens}
 * not required), answered with {@code {"input_tokens": N}}. N is
 * {@link dev.warp2api.core.TokenEstimator}'s estimate over the system prompt, the messages and the
 * tool definitions, the same figure a Messages response reports in {@code message_start}. Stateless
 * and thread-safe; no I/O.
 */
public final class CountTokens {
  private final AnthropicRequestParser parser;

  public CountTokens(AnthropicRequestParser parser) {
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /**
   * The response body for a count_tokens request body.
   *
   * @throws GatewayException as {@link AnthropicRequestParser#parseForCounting}
   */
  public String respond(JsonNode body) {
    int tokens = parser.parseForCounting(body).estimatedInputTokens();
    return Json.write(Json.object().put("input_tokens", tokens));
  }
}
