package dev.warp2api.sim;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.List;

/**
 * Writes one SSE stream. Without a gap the whole stream goes out in one write; with a gap the first frame
 * goes at once and each next one from a periodic timer of the event loop (no thread per stream, no
 * sleeping). When {@code disconnectAfter >= 0} the connection is dropped after that many frames instead of
 * ending the response. A client that goes away cancels the timer.
 *
 * <p>Runs on the request's event loop; not shared between threads.
 */
final class StreamWriter {
  private final Vertx vertx;
  private final HttpServerRequest req;
  private final List<Buffer> frames;
  private final int limit;
  private final boolean disconnect;
  private int next;
  private long timer = -1;
  private boolean closed;

  private StreamWriter(Vertx vertx, HttpServerRequest req, List<Buffer> frames, int disconnectAfter) {
    this.vertx = vertx;
    this.req = req;
    this.frames = frames;
    this.disconnect = disconnectAfter >= 0;
    this.limit = disconnect ? Math.min(disconnectAfter, frames.size()) : frames.size();
  }

  /** Starts streaming {@code frames}; headers must not have been sent yet. */
  static void start(Vertx vertx, HttpServerRequest req, List<Buffer> frames, Duration gap, int disconnectAfter) {
    new StreamWriter(vertx, req, frames, disconnectAfter).run(gap);
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
    timer = vertx.setPeriodic(Math.max(1, gap.toMillis()), id -> tick());
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

  private void stop() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
