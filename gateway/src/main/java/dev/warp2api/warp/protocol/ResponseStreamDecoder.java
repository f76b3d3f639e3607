package dev.warp2api.warp.protocol;

import dev.warp2api.core.ChatEvent;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole response path for one upstream stream: raw body chunks in, {@link ChatEvent}s out
 * ({@link SseEventReader} → {@link EventPayloads#view} → {@link EventTranslator}).
 *
 * <p>Not thread-safe: one instance per upstream stream, fed from one thread (the event loop). Pure
 * computation, never blocks.
 */
public final class ResponseStreamDecoder {
  private final SseEventReader reader;
  private final EventTranslator translator;

  public ResponseStreamDecoder() {
    this(new SseEventReader(), new EventTranslator());
  }

  public ResponseStreamDecoder(SseEventReader reader, EventTranslator translator) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.translator = Objects.requireNonNull(translator, "translator");
  }

  /**
   * The chat events completed by this chunk, in order.
   *
   * @throws EventStreamException when an event is too large or cannot be decoded
   */
  public List<ChatEvent> feed(Buffer chunk) {
    return translate(reader.feed(chunk));
  }

  /** @see #feed(Buffer) */
  public List<ChatEvent> feed(byte[] chunk) {
    return translate(reader.feed(chunk));
  }

  /**
   * Ends the stream and returns the events of a last payload left without its blank line.
   *
   * @throws EventStreamException when that payload cannot be decoded
   */
  public List<ChatEvent> finish() {
    return translate(reader.finish());
  }

  private List<ChatEvent> translate(List<String> payloads) {
    if (payloads.isEmpty()) {
      return List.of();
    }
    List<ChatEvent> out = new ArrayList<>();
    for (String payload : payloads) {
      out.addAll(translator.translate(EventPayloads.view(payload)));
    }
    return out;
  }
}
