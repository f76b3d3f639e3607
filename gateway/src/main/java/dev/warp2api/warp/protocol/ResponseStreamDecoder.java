package dev.warp2api.warp.protocol;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole response path for one upstream stream: raw body chunks in, {@link ChatEvent}s out
 * ({@link SseEventReader} → {@link EventPayloads#bytes} → {@link EventView} →
 * {@link EventTranslator}). The pipeline reads every stream through it, event by event
 * ({@link #feed(Buffer, EventHandler)}); the list-returning forms collect the same events, for
 * tests and the start-up rehearsal.
 *
 * <p>The full protobuf {@link ResponseEvent} is built only for a decoder made with
 * {@code rawEvents} (the bridge routes relay it): building it costs more than the rest of an
 * event's path together.
 *
 * <p>Not thread-safe: one instance per upstream stream, fed from one thread (the event loop). Pure
 * computation, never blocks.
 */
public final class ResponseStreamDecoder {

  /** Receives each upstream event as soon as it is decoded. */
  @FunctionalInterface
  public interface EventHandler {
    /**
     * @param raw the whole protobuf event when the decoder reads raw events; otherwise null
     * @param events what the event means, in order (possibly none)
     * @return false to stop: the rest of the chunk is not decoded
     */
    boolean onEvent(ResponseEvent raw, List<ChatEvent> events);
  }

  private final SseEventReader reader;
  private final EventTranslator translator;
  private final boolean rawEvents;

  public ResponseStreamDecoder() {
    this(new SseEventReader(), new EventTranslator(), false);
  }

  /**
   * @param maxEventBytes the most bytes one event may occupy
   *     ({@link SseEventReader#maxEventBytesFor})
   * @param rawEvents whether each event's full protobuf form is built too
   */
  public ResponseStreamDecoder(int maxEventBytes, boolean rawEvents) {
    this(new SseEventReader(maxEventBytes), new EventTranslator(), rawEvents);
  }

  public ResponseStreamDecoder(
      SseEventReader reader, EventTranslator translator, boolean rawEvents) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.translator = Objects.requireNonNull(translator, "translator");
    this.rawEvents = rawEvents;
  }

  /**
   * Hands {@code handler} each event this chunk completes, in order.
   *
   * @return false when the handler stopped
   * @throws EventStreamException when an event is too large or cannot be decoded
   */
  public boolean feed(Buffer chunk, EventHandler handler) {
    return decode(reader.feed(chunk), handler);
  }

  /**
   * Ends the stream: hands {@code handler} the event of a last payload left without its blank line.
   *
   * @return false when the handler stopped
   * @throws EventStreamException when that payload cannot be decoded
   */
  public boolean finish(EventHandler handler) {
    return decode(reader.finish(), handler);
  }

  /** The chat events completed by this chunk, in order. */
  public List<ChatEvent> feed(Buffer chunk) {
    return collect(reader.feed(chunk));
  }

  /** @see #feed(Buffer) */
  public List<ChatEvent> feed(byte[] chunk) {
    return collect(reader.feed(chunk));
  }

  /** The chat events of a last payload left without its blank line. */
  public List<ChatEvent> finish() {
    return collect(reader.finish());
  }

  private boolean decode(List<String> payloads, EventHandler handler) {
    for (int i = 0; i < payloads.size(); i++) {
      byte[] bytes = EventPayloads.bytes(payloads.get(i));
      List<ChatEvent> events = translator.translate(EventView.parse(bytes));
      if (!handler.onEvent(rawEvents ? EventPayloads.parse(bytes) : null, events)) {
        return false;
      }
    }
    return true;
  }

  private List<ChatEvent> collect(List<String> payloads) {
    if (payloads.isEmpty()) {
      return List.of();
    }
    List<ChatEvent> out = new ArrayList<>();
    decode(payloads, (raw, events) -> {
      out.addAll(events);
      return true;
    });
    return out;
  }
}
