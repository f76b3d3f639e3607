package dev.warp2api.warp.protocol;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits Warp's {@code text/event-stream} body into event payloads, fed one chunk at a time.
 *
 * <p>Accepts both framings Warp has used: today's {@code event:data} / {@code data:<payload>} /
 * blank line and the legacy {@code data: <payload>} lines, several of which are concatenated
 * without separator, ended by a blank line, with {@code data: [DONE]} ending the stream
 * (docs/PROTOCOL.md, 'Event framing'). {@code event:}, {@code id:}, {@code retry:}, {@code :}
 * comments and any other line are ignored. Lines end in {@code \n}, {@code \r\n} or a lone
 * {@code \r}. Chunks may split the stream at any byte, including inside a UTF-8 sequence or between
 * {@code \r} and {@code \n}: lines are cut on bytes only and decoded once complete.
 *
 * <p>A payload still buffered when the stream ends without a blank line is returned by
 * {@link #finish()} rather than lost (the 2025 bridge dropped it; a truncated last event is better
 * decoded and, if broken, reported by the decoder).
 *
 * <p>Not thread-safe: one instance per upstream stream, fed from one thread (the event loop).
 *
 * @throws EventStreamException from {@link #feed} when one event (its pending line plus its data)
 *     exceeds the size bound
 */
public final class SseEventReader {
  /**
   * A real event is a few KiB; 16 MiB leaves room for huge tool arguments but bounds memory per
   * stream.
   */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;
  /** Room in an event for what surrounds an echoed query (ids, task, framing). */
  private static final long ECHO_MARGIN_BYTES = 1024 * 1024;

  private static final String DONE = "[DONE]";

  private final int maxEventBytes;
  /** Where framing drift is counted: the process's report, or a throwaway one for a re-read. */
  private final UpstreamDrift drift;
  /**
   * The current line's bytes so far ({@code lineLength} of them); lines are cut on bytes, decoded
   * once whole.
   */
  private byte[] line = new byte[256];

  private int lineLength;
  private final StringBuilder data = new StringBuilder();
  /**
   * The event's only data line so far (then {@code data} is empty): returned as it is, without a
   * copy.
   */
  private String single;

  private boolean hasData;
  private boolean lastWasCr;
  private boolean done;
  /** Whether this stream's 2025 framing was already counted (once per stream, not per event). */
  private boolean legacyNoted;

  public SseEventReader() {
    this(DEFAULT_MAX_EVENT_BYTES);
  }

  /**
   * The event bound that lets every request under a body limit through: Warp echoes the user's
   * query back in one event, as base64 (4/3 larger) of a protobuf holding it, and the query's UTF-8
   * bytes are at most the body's (JSON escapes only shrink). So: the body limit x 4/3 plus a 1 MiB
   * margin, never below {@link #DEFAULT_MAX_EVENT_BYTES}, at most what a Java array holds.
   */
  public static int maxEventBytesFor(long maxBodyBytes) {
    long wanted = Math.max(DEFAULT_MAX_EVENT_BYTES, maxBodyBytes / 3 * 4 + 4 + ECHO_MARGIN_BYTES);
    return (int) Math.min(wanted, Integer.MAX_VALUE - 16);
  }

  /** @param maxEventBytes the most bytes one event may occupy (pending line plus collected data) */
  public SseEventReader(int maxEventBytes) {
    this(maxEventBytes, UpstreamDrift.global());
  }

  private SseEventReader(int maxEventBytes, UpstreamDrift drift) {
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.drift = drift;
  }

  /**
   * A reader for a second reading of a stream the pipeline has already read (a capture of the
   * exchange): what it sees is not counted in the drift report again.
   */
  public static SseEventReader forReread() {
    return new SseEventReader(DEFAULT_MAX_EVENT_BYTES, UpstreamDrift.uncounted());
  }

  /**
   * Feeds a chunk; returns the payloads completed by it, in order (often empty). A chunk backed by
   * a heap array (what the HTTP client hands us) is read in place, without a copy.
   */
  public List<String> feed(Buffer chunk) {
    if (chunk instanceof BufferInternal internal) {
      ByteBuf buf = internal.unwrap();
      if (buf.hasArray()) {
        int from = buf.arrayOffset() + buf.readerIndex();
        return feed(buf.array(), from, from + buf.readableBytes());
      }
    }
    return feed(chunk.getBytes());
  }

  /** Feeds a chunk; returns the payloads completed by it, in order (often empty). */
  public List<String> feed(byte[] chunk) {
    return feed(chunk, 0, chunk.length);
  }

  /**
   * Feeds {@code chunk[from, to)}; returns the payloads completed by it, in order (often empty).
   * Scans for line ends and copies whole slices: the per-event cost is a few array copies, not a
   * call per byte.
   */
  private List<String> feed(byte[] chunk, int from, int to) {
    List<String> out = null;
    int start = from;
    for (int i = lineEnd(chunk, from, to); i < to && !done; i = lineEnd(chunk, i + 1, to)) {
      byte b = chunk[i];
      append(chunk, start, i - start);
      boolean crlfTail = b == '\n' && lastWasCr && i == start && lineLength == 0;
      if (!crlfTail) {
        out = endLine(out);
      }
      lastWasCr = b == '\r';
      start = i + 1;
    }
    if (!done && start < to) {
      append(chunk, start, to - start);
      lastWasCr = false;
    }
    return out == null ? List.of() : out;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;

  /**
   * The index of the first {@code \n} or {@code \r} at or after {@code from}, or
   * {@code bytes.length}.
   */
  static int lineEnd(byte[] bytes, int from) {
    return lineEnd(bytes, from, bytes.length);
  }

  /**
   * The index of the first {@code \n} or {@code \r} in {@code bytes[from, to)}, or {@code to}.
   * Eight bytes at a time (a byte equal to the target gives a zero byte after the XOR; the lowest
   * flagged byte is always a true match), then byte by byte for the tail.
   */
  static int lineEnd(byte[] bytes, int from, int to) {
    int i = from;
    for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long lf = word ^ LFS;
      long cr = word ^ CRS;
      long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b == '\n' || b == '\r') {
        return i;
      }
    }
    return to;
  }

  private void append(byte[] src, int from, int length) {
    if (length == 0) {
      return;
    }
    if (lineLength + length + pendingLength() > maxEventBytes) {
      throw EventStreamException.tooLarge(maxEventBytes);
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(src, from, line, lineLength, length);
    lineLength += length;
  }

  /**
   * Ends the stream: an unterminated last line is processed and a payload without its closing blank
   * line is returned. Calling {@link #feed} afterwards returns nothing.
   */
  public List<String> finish() {
    List<String> out = null;
    if (!done && lineLength > 0) {
      out = endLine(out);
    }
    if (!done) {
      out = dispatch(out);
    }
    done = true;
    return out == null ? List.of() : out;
  }

  /** Whether {@code data: [DONE]} (or {@link #finish()}) ended the stream. */
  public boolean isDone() {
    return done;
  }

  private List<String> endLine(List<String> out) {
    int length = lineLength;
    lineLength = 0;
    if (length == 0) {
      return dispatch(out);
    }
    if (!startsWithData(length)) {
      if (!isEventData(length)) {
        noteOtherLine(length);
      }
      return out; // event:, id:, retry:, ':' comments and unknown lines carry nothing we need.
    }
    if (length > 5 && line[5] == ' ' && !legacyNoted) {
      noteLegacy("data: with a space (2025 framing)");
    }
    String value = new String(line, 5, length - 5, StandardCharsets.UTF_8).strip();
    if (value.equals(DONE)) {
      if (!legacyNoted) {
        noteLegacy("data: [DONE] (2025 framing)");
      }
      out = dispatch(out);
      done = true;
    } else if (!value.isEmpty()) {
      if (pendingLength() + value.length() > maxEventBytes) {
        throw EventStreamException.tooLarge(maxEventBytes);
      }
      if (!hasData) {
        single = value; // today's events have one data line each
      } else {
        if (single != null) {
          data.append(single);
          single = null;
        }
        data.append(value);
      }
      hasData = true;
    }
    return out;
  }

  private void noteLegacy(String what) {
    legacyNoted = true;
    drift.deprecated(UpstreamDrift.Kind.FRAMING, "SSE", what);
  }

  /** Today's {@code event:data} line, compared byte by byte (it precedes every event). */
  private boolean isEventData(int length) {
    return length == EVENT_DATA.length && Arrays.equals(line, 0, length, EVENT_DATA, 0, length);
  }

  /**
   * A line other than {@code data:} and {@code event:data}: an {@code event:} with another name or
   * a field SSE does not define is counted by its name (never its value, which could be content); a
   * line that is not {@code field:value} at all is counted without any of its text.
   */
  private void noteOtherLine(int length) {
    if (line[0] == ':') {
      return; // a comment
    }
    int colon = 0;
    while (colon < length && line[colon] != ':') {
      colon++;
    }
    String field =
        colon < length && colon <= 20 ? new String(line, 0, colon, StandardCharsets.US_ASCII) : "";
    if (!field.matches("[A-Za-z_-]+")) {
      drift.unknown(UpstreamDrift.Kind.FRAMING, "SSE line", "not a field: value line");
    } else if (field.equals("event")) {
      String name = new String(
              line, colon + 1, Math.min(length - colon - 1, 32), StandardCharsets.US_ASCII)
          .strip();
      drift.unknown(UpstreamDrift.Kind.FRAMING, "SSE event name", name);
    } else if (!field.equals("id") && !field.equals("retry")) {
      drift.unknown(UpstreamDrift.Kind.FRAMING, "SSE line field", field);
    }
  }

  private static final byte[] EVENT_DATA = "event:data".getBytes(StandardCharsets.US_ASCII);

  private int pendingLength() {
    return single != null ? single.length() : data.length();
  }

  private boolean startsWithData(int length) {
    return length >= 5
        && line[0] == 'd'
        && line[1] == 'a'
        && line[2] == 't'
        && line[3] == 'a'
        && line[4] == ':';
  }

  private List<String> dispatch(List<String> out) {
    if (!hasData) {
      return out;
    }
    List<String> result = out == null ? new ArrayList<>(2) : out;
    result.add(single != null ? single : data.toString());
    single = null;
    data.setLength(0);
    hasData = false;
    return result;
  }
}
