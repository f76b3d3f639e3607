package dev.warp2api.warp.protocol;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits Warp's {@code text/event-stream} body into event payloads, fed one chunk at a time.
 *
 * <p>Accepts both framings Warp has used: today's {@code event:data} / {@code data:<payload>} / blank
 * line (warp-protocol-2026 §2.3) and the legacy {@code data: <payload>} lines, several of which are
 * concatenated without separator, ended by a blank line, with {@code data: [DONE]} ending the stream
 * (warp-protocol §4.1). {@code event:}, {@code id:}, {@code retry:}, {@code :} comments and any other
 * line are ignored. Lines end in {@code \n}, {@code \r\n} or a lone {@code \r}. Chunks may split the
 * stream at any byte, including inside a UTF-8 sequence or between {@code \r} and {@code \n}: lines are
 * cut on bytes only and decoded once complete.
 *
 * <p>A payload still buffered when the stream ends without a blank line is returned by {@link #finish()}
 * rather than lost (the 2025 bridge dropped it; a truncated last event is better decoded and, if
 * broken, reported by the decoder).
 *
 * <p>Not thread-safe: one instance per upstream stream, fed from one thread (the event loop).
 *
 * @throws EventStreamException from {@link #feed} when one event (its pending line plus its data)
 *     exceeds the size bound
 */
public final class SseEventReader {
  /** A real event is a few KiB; 16 MiB leaves room for huge tool arguments but bounds memory per stream. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

  private static final String DONE = "[DONE]";

  private final int maxEventBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private boolean lastWasCr;
  private boolean done;

  public SseEventReader() {
    this(DEFAULT_MAX_EVENT_BYTES);
  }

  /** @param maxEventBytes the most bytes one event may occupy (pending line plus collected data) */
  public SseEventReader(int maxEventBytes) {
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
  }

  /** Feeds a chunk; returns the payloads completed by it, in order (often empty). */
  public List<String> feed(Buffer chunk) {
    return feed(chunk.getBytes());
  }

  /** Feeds a chunk; returns the payloads completed by it, in order (often empty). */
  public List<String> feed(byte[] chunk) {
    List<String> out = new ArrayList<>();
    for (byte b : chunk) {
      if (done) {
        break;
      }
      if (b == '\n') {
        if (!lastWasCr) {
          endLine(out);
        }
        lastWasCr = false;
      } else if (b == '\r') {
        endLine(out);
        lastWasCr = true;
      } else {
        lastWasCr = false;
        line.write(b);
        if (line.size() + data.length() > maxEventBytes) {
          throw EventStreamException.tooLarge(maxEventBytes);
        }
      }
    }
    return out;
  }

  /**
   * Ends the stream: an unterminated last line is processed and a payload without its closing blank
   * line is returned. Calling {@link #feed} afterwards returns nothing.
   */
  public List<String> finish() {
    List<String> out = new ArrayList<>();
    if (!done && line.size() > 0) {
      endLine(out);
    }
    if (!done) {
      dispatch(out);
    }
    done = true;
    return out;
  }

  /** Whether {@code data: [DONE]} (or {@link #finish()}) ended the stream. */
  public boolean isDone() {
    return done;
  }

  private void endLine(List<String> out) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.isEmpty()) {
      dispatch(out);
    } else if (text.startsWith("data:")) {
      String value = text.substring(5).strip();
      if (value.equals(DONE)) {
        dispatch(out);
        done = true;
      } else if (!value.isEmpty()) {
        if (data.length() + value.length() > maxEventBytes) {
          throw EventStreamException.tooLarge(maxEventBytes);
        }
        data.append(value);
        hasData = true;
      }
    }
    // event:, id:, retry:, ':' comments and unknown lines carry nothing we need.
  }

  private void dispatch(List<String> out) {
    if (hasData) {
      out.add(data.toString());
      data.setLength(0);
      hasData = false;
    }
  }
}
