package dev.warp2api.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.List;

/**
 * Writes one SSE stream. Without a gap the whole stream goes out in one write; with a gap the first
 * frame goes at once and each next one from a timer of the event loop (no thread per stream, no
 * sleeping): the loop's shared {@link Pacer} for gaps of {@link Pacer#MIN_GAP} and more, a periodic
 * timer of its own below. When {@code disconnectAfter >= 0} the connection is dropped after that
 * many frames instead of ending the response. A client that goes away stops the writing.
 *
 * <p>Runs on the request's event loop; not shared between threads.
 */
final class StreamWriter {
  private final Vertx vertx;
  private final HttpServerRequest req;
  private final List<Buffer> frames;
  private final int limit;
  private final boolean disconnect;
  private final Runnable onDone;
  private boolean done;
  private int next;
  private long timer = -1;
  private long gapNanos;
  private long due;
  private boolean closed;

  private StreamWriter(
      Vertx vertx,
      HttpServerRequest req,
      List<Buffer> frames,
      int disconnectAfter,
      Runnable onDone) {
    this.vertx = vertx;
    this.onDone = onDone;
    this.req = req;
    this.frames = frames;
    this.disconnect = disconnectAfter >= 0;
    this.limit = disconnect ? Math.min(disconnectAfter, frames.size()) : frames.size();
  }

  /** Starts streaming {@code frames}; headers must not have been sent yet. */
  static void start(
      Vertx vertx, HttpServerRequest req, List<Buffer> frames, Duration gap, int disconnectAfter) {
    start(vertx, req, frames, gap, disconnectAfter, () -> {});
  }

  /**
   * As {@link #start(Vertx, HttpServerRequest, List, Duration, int)}; {@code onDone} runs once when
   * the stream stops being written: its last frame was handed over, or the client went away.
   */
  static void start(
      Vertx vertx,
      HttpServerRequest req,
      List<Buffer> frames,
      Duration gap,
      int disconnectAfter,
      Runnable onDone) {
    new StreamWriter(vertx, req, frames, disconnectAfter, onDone).run(gap);
  }

  private void run(Duration gap) {
    HttpServerResponse res = req.response();
    res.setChunked(true)
        .putHeader("content-type", "text/event-stream;charset=utf-8")
        .putHeader("cache-control", "no-cache");
    res.closeHandler(v -> stop());
    if (gap.isZero()) {
      Buffer all = Buffer.buffer(frames.stream().mapToInt(Buffer::length).sum());
      for (int i = 0; i < limit; i++) {
        all.appendBuffer(frames.get(i));
      }
      next = limit;
      finish(all);
      return;
    }
    if (limit == 0) {
      finish(null);
      return;
    }
    res.write(frames.get(next++));
    if (next >= limit) {
      finish(null);
      return;
    }
    if (gap.compareTo(Pacer.MIN_GAP) >= 0) {
      gapNanos = gap.toNanos();
      due = System.nanoTime() + gapNanos;
      Pacer.of(vertx).schedule(due, this::paced);
    } else {
      timer = vertx.setPeriodic(Math.max(1, gap.toMillis()), id -> tick());
    }
  }

  /**
   * The pacer's call: writes the next frame; returns the next due time, or {@code Long.MIN_VALUE}
   * when done.
   */
  private long paced() {
    tick();
    if (closed || next >= limit) {
      return Long.MIN_VALUE;
    }
    due += gapNanos;
    return due;
  }

  private void tick() {
    if (closed) {
      return;
    }
    Buffer b = frames.get(next++);
    if (next >= limit) {
      stop();
      finish(b);
    } else {
      req.response().write(b);
    }
  }

  private void finish(Buffer last) {
    done();
    HttpServerResponse res = req.response();
    if (disconnect) {
      // Drop only after the last frame (or at least the status line) is on the wire.
      if (last != null && last.length() > 0) {
        res.write(last).onComplete(ar -> drop(req));
      } else if (!res.headWritten()) {
        res.writeHead().onComplete(ar -> drop(req));
      } else {
        drop(req);
      }
    } else if (last != null) {
      res.end(last);
    } else {
      res.end();
    }
  }

  /** Drops the connection without a proper end of response (HTTP/2: resets the stream). */
  static void drop(HttpServerRequest req) {
    if (req.version() == HttpVersion.HTTP_2) {
      req.response().reset();
    } else {
      req.connection().close();
    }
  }

  private void done() {
    if (!done) {
      done = true;
      onDone.run();
    }
  }

  private void stop() {
    closed = true;
    done();
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
