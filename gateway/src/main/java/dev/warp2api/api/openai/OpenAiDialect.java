package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ModelCatalog;
import dev.warp2api.core.GatewayException;
import java.time.Clock;
import java.util.Objects;

/**
 * The OpenAI dialect as the HTTP layer uses it: everything {@code POST /v1/chat/completions},
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} need, without any I/O.
 *
 * <p>Wiring of {@code POST /v1/chat/completions}:
 *
 * <ol>
 *   <li>{@link #parse} the body; a {@link GatewayException} goes to {@code ErrorMapper} (status)
 *       with {@link OpenAiErrors#body} (body);
 *   <li>stream: answer 200 {@code text/event-stream; charset=utf-8}, {@code Cache-Control:
 *       no-cache}; hold {@link OpenAiStreamRenderer#head()} with the 200 head until the first
 *       content (or {@code W2A_KEEPALIVE} of silence), then write each event's text as it arrives,
 *       {@link OpenAiStreamRenderer#keepAlive()} on every keep-alive tick while Warp is silent, and
 *       on a failure after the head {@link OpenAiStreamRenderer#error}; close the response when
 *       {@link OpenAiStreamRenderer#ended()}. If the failure comes before the head went out, answer
 *       an HTTP error instead (nothing written yet);
 *   <li>non-stream: feed every event to {@link OpenAiResponseAggregator#accept}, then answer 200
 *       {@code application/json} with {@link OpenAiResponseAggregator#json()}; its exceptions are
 *       answered as errors.
 * </ol>
 *
 * <p>Thread-safe; the renderers and aggregators it creates are not (one per response, used from one
 * event loop).
 */
public final class OpenAiDialect {
  private final ModelCatalog catalog;
  private final OpenAiRequestParser parser;
  private final Clock clock;

  /**
   * @param catalog resolves model names and lists models
   * @param clock gives {@code created} of each response
   */
  public OpenAiDialect(ModelCatalog catalog, Clock clock) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parser = new OpenAiRequestParser(catalog);
  }

  /**
   * Translates a request body.
   *
   * @throws GatewayException {@code INVALID_REQUEST} naming the field, or {@code MODEL_NOT_FOUND}
   */
  public ParsedChat parse(JsonNode body) {
    return parser.parse(body);
  }

  /** A renderer for one streamed response to {@code parsed}. */
  public OpenAiStreamRenderer streamRenderer(ParsedChat parsed) {
    return OpenAiStreamRenderer.forRequest(parsed, clock);
  }

  /** An aggregator for one non-streamed response to {@code parsed}. */
  public OpenAiResponseAggregator aggregator(ParsedChat parsed) {
    return OpenAiResponseAggregator.forRequest(parsed, clock);
  }

  /** The body of {@code GET /v1/models}. */
  public ObjectNode models() {
    return OpenAiModels.list(catalog.models());
  }

  /**
   * The body of {@code GET /v1/models/{id}}.
   *
   * @throws GatewayException {@code MODEL_NOT_FOUND} for a name the catalogue does not resolve
   */
  public ObjectNode model(String id) {
    return OpenAiModels.get(catalog, id);
  }
}
