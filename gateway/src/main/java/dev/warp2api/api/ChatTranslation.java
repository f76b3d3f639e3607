package dev.warp2api.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.ChatRequest;
import dev.warp2api.core.GatewayException;
import java.util.function.Supplier;

/**
 * What a chat route needs from its dialect: parse a body, then render events either as a stream or
 * as one response. Implementations are pure; the renderers they create serve one response on one
 * event loop.
 */
public interface ChatTranslation {

  /** Parses a request body; throws {@link GatewayException} naming the field at fault. */
  Parsed parse(JsonNode body);

  /**
   * A {@link Parsed} of these parts: every {@link Parsed#streamRenderer()} and
   * {@link Parsed#aggregator()} call takes a fresh one from the supplier (a retried non-streamed
   * answer starts a new aggregator).
   *
   * @throws NullPointerException if {@code chat} or a supplier is null
   */
  static Parsed parsed(
      ChatRequest chat,
      boolean stream,
      Supplier<? extends StreamRenderer> renderers,
      Supplier<? extends ResponseAggregator> aggregators) {
    return new ParsedParts(chat, stream, renderers, aggregators, null);
  }

  /**
   * As {@link #parsed(ChatRequest, boolean, Supplier, Supplier)}, for an answer the next turn can
   * continue by {@code answerId} (a Responses turn's response id).
   */
  static Parsed parsed(
      ChatRequest chat,
      boolean stream,
      Supplier<? extends StreamRenderer> renderers,
      Supplier<? extends ResponseAggregator> aggregators,
      String answerId) {
    return new ParsedParts(chat, stream, renderers, aggregators, answerId);
  }

  /** A parsed request and how to answer it. */
  interface Parsed {
    ChatRequest chat();

    boolean stream();

    StreamRenderer streamRenderer();

    ResponseAggregator aggregator();

    /**
     * The id a later turn names to continue this answer ({@code previous_response_id}), the same
     * for every attempt; null when the dialect has none.
     */
    default String answerId() {
      return null;
    }
  }

  /** Renders one streamed response as SSE text. */
  interface StreamRenderer {
    /**
     * The dialect's opening (may be empty), held with the 200 head until the first content or a
     * keep-alive.
     */
    String head();

    /** The text for one event (may be empty). */
    String onEvent(ChatEvent event);

    /**
     * Appends the text for one event to {@code out}: the same text as {@link #onEvent(ChatEvent)},
     * which a renderer may write without building a string of its own (the stream's hot path).
     */
    default void onEvent(ChatEvent event, StringBuilder out) {
      String text = onEvent(event);
      if (text != null) {
        out.append(text);
      }
    }

    /** The text that ends the stream with an error. */
    String error(GatewayException failure);

    /** The keep-alive text sent while Warp is silent. */
    String keepAlive();
  }

  /** Collects the events of one non-streamed response. */
  interface ResponseAggregator {
    void accept(ChatEvent event);

    /** The response body; throws {@link GatewayException} when the turn failed. */
    String json();
  }
}
