package dev.warp2api.warp.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.AtomicFile;
import dev.warp2api.warp.protocol.CaptureJson;
import dev.warp2api.warp.protocol.EventPayloads;
import dev.warp2api.warp.protocol.EventStreamException;
import dev.warp2api.warp.protocol.SseEventReader;
import dev.warp2api.warp.protocol.pb.Request;
import dev.warp2api.warp.protocol.pb.ResponseEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code W2A_CAPTURE_DIR}: a redacted copy of each failing exchange with Warp, to see what changed.
 * A file holds the request and the events of the answer decoded and redacted by {@link CaptureJson}
 * (structure, numbers and field numbers kept; every text, every id and every secret gone), the
 * status and the few response headers that classify an answer. Failing means: a status other than
 * 200, a transport failure, a stream that ended without {@code finished} or with a reason other
 * than {@code done}, an event that cannot be decoded, or an event carrying fields this version does
 * not know.
 *
 * <p>Bounds: at most {@value #MAX_STREAM_BYTES} bytes of one answer are kept in memory (the rest is
 * counted, not kept), a file holds at most {@value #MAX_EVENTS} events, and the directory keeps the
 * newest {@value #MAX_FILES} captures. Files are written off the event loop, atomically, mode 0600
 * in a 0700 directory. Off ({@link #OFF}) costs nothing: no recording is made.
 *
 * <p>Thread-safe; each {@link Recording} belongs to one exchange.
 */
public final class ExchangeCapture {
  /**
   * A failing answer is usually short; this keeps a long stream's failure without holding it all.
   */
  static final int MAX_STREAM_BYTES = 1024 * 1024;

  static final int MAX_EVENTS = 500;
  static final int MAX_FILES = 100;
  /** The response headers that classify an answer; no other header value is written. */
  private static final List<String> HEADERS =
      List.of("content-type", "x-warp-error-code", "retry-after");

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeCapture.class);

  /** Capturing off. */
  public static final ExchangeCapture OFF = new ExchangeCapture(null, null, Clock.systemUTC());

  private final Vertx vertx;
  private final Path dir;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  private ExchangeCapture(Vertx vertx, Path dir, Clock clock) {
    this.vertx = vertx;
    this.dir = dir;
    this.clock = clock;
  }

  /** Captures into {@code dir} (created, mode 0700), or {@link #OFF} when {@code dir} is null. */
  public static ExchangeCapture to(Vertx vertx, Path dir, Clock clock) {
    return dir == null ? OFF : new ExchangeCapture(vertx, dir, clock);
  }

  /** A recording of one exchange, or null when capturing is off. */
  Recording start(Buffer requestBody) {
    return dir == null ? null : new Recording(requestBody.getBytes());
  }

  /**
   * One exchange: its request, then either a failure before the stream or the stream's chunks and
   * end.
   */
  final class Recording implements UpstreamResponse.Tap {
    private final byte[] request;
    private final Buffer stream = Buffer.buffer();
    private long droppedBytes;
    private int status = 200;
    private MultiMap headers;
    private boolean written;

    Recording(byte[] request) {
      this.request = request;
    }

    /** The call failed before a 200 stream (a status, a connection failure). */
    void failed(UpstreamFailure failure, int httpStatus, MultiMap responseHeaders) {
      if (written) {
        return;
      }
      status = httpStatus;
      headers = responseHeaders;
      write(failure.safeDescription(), null);
    }

    void answered(MultiMap responseHeaders) {
      headers = responseHeaders;
    }

    @Override
    public void chunk(Buffer chunk) {
      if (stream.length() + chunk.length() <= MAX_STREAM_BYTES) {
        stream.appendBuffer(chunk);
      } else {
        droppedBytes += chunk.length();
      }
    }

    @Override
    public void end(Throwable failure) {
      ArrayNode events = JsonNodeFactory.instance.arrayNode();
      String why =
          failure == null ? null : UpstreamFailure.fromThrowable(failure, true).safeDescription();
      String verdict = decode(events);
      if (why == null && verdict == null) {
        return; // a healthy exchange: nothing to keep
      }
      write(why != null ? why : verdict, events);
    }

    /**
     * Decodes the kept stream into {@code events}; says why the exchange counts as failing, or
     * null.
     */
    private String decode(ArrayNode events) {
      SseEventReader reader = SseEventReader.forReread();
      List<String> payloads;
      try {
        payloads = new ArrayList<>(reader.feed(stream));
        payloads.addAll(reader.finish());
      } catch (EventStreamException e) {
        return "an event could not be split: " + e.getMessage();
      }
      String verdict = null;
      ResponseEvent.StreamFinished finished = null;
      for (String payload : payloads) {
        ResponseEvent event;
        try {
          event = EventPayloads.parse(EventPayloads.bytesOfAReread(payload));
        } catch (EventStreamException e) {
          events.addObject().put("undecodable", payload.length() + " chars");
          verdict = verdict == null ? "an event could not be decoded" : verdict;
          continue;
        }
        if (events.size() < MAX_EVENTS) {
          events.add(CaptureJson.of(event));
        }
        if (CaptureJson.hasUnknownFields(event)) {
          verdict =
              verdict == null ? "an event carries fields this version does not know" : verdict;
        }
        if (event.hasFinished()) {
          finished = event.getFinished();
        }
      }
      if (finished == null) {
        return verdict != null ? verdict : "the stream ended without a finished event";
      }
      if (!finished.hasDone()) {
        return "finished with " + finished.getReasonCase().name().toLowerCase(Locale.ROOT);
      }
      return verdict;
    }

    private void write(String why, ArrayNode events) {
      written = true;
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("captured_at", clock.instant().toString());
      root.put("why", why);
      try {
        root.set("request", CaptureJson.of(Request.parseFrom(request)));
      } catch (IOException notARequest) {
        root.put("request", "<" + request.length + " bytes, not a Request>");
      }
      ObjectNode response = root.putObject("response");
      response.put("status", status);
      ObjectNode h = response.putObject("headers");
      for (String name : HEADERS) {
        String value = headers == null ? null : headers.get(name);
        if (value != null) {
          h.put(name, value.length() > 100 ? value.substring(0, 100) : value);
        }
      }
      if (events != null) {
        response.set("events", events);
        response.put("bytes_not_kept", droppedBytes);
      }
      String name = "exchange-" + clock.millis() + "-" + sequence.incrementAndGet() + ".json";
      byte[] bytes = root.toPrettyString().getBytes(StandardCharsets.UTF_8);
      vertx
          .executeBlocking(
              () -> {
                store(name, bytes);
                return null;
              },
              false)
          .onFailure(e -> LOG.warn(
              "event=capture.failed dir={} reason={}", dir, e.getClass().getSimpleName()));
    }
  }

  private void store(String name, byte[] bytes) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      setMode(dir, "rwx------");
    }
    AtomicFile.write(dir.resolve(name), bytes);
    LOG.info("event=capture.written file={}", dir.resolve(name));
    prune();
  }

  /**
   * Keeps the newest {@value #MAX_FILES} captures, by the time and sequence number in their names
   * (file times are too coarse: several captures can share a millisecond).
   */
  private void prune() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> captures = files
          .filter(p -> p.getFileName().toString().startsWith("exchange-"))
          .sorted(NEWEST_FIRST)
          .toList();
      for (Path old : captures.subList(Math.min(MAX_FILES, captures.size()), captures.size())) {
        Files.deleteIfExists(old);
      }
    }
  }

  private static final Comparator<Path> NEWEST_FIRST = Comparator.<Path>comparingLong(
          p -> namePart(p, 1))
      .thenComparingLong(p -> namePart(p, 2))
      .reversed();

  /** Part {@code index} of {@code exchange-<millis>-<sequence>.json} as a number, or 0. */
  private static long namePart(Path p, int index) {
    String[] parts = p.getFileName().toString().replace(".json", "").split("-");
    try {
      return parts.length > index ? Long.parseLong(parts[index]) : 0;
    } catch (NumberFormatException notOurs) {
      return 0;
    }
  }

  private static void setMode(Path p, String mode) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException | IOException notPosix) {
      // a file system without POSIX modes: nothing more can be done
    }
  }
}
