package dev.warp2api.warp.client;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A response body read into memory up to a limit. Past the limit the upstream request is reset (we
 * stop downloading) and the text is marked {@code truncated}; callers must say so rather than pass
 * it off as whole.
 */
record BoundedBody(String text, boolean truncated) {

  /**
   * Error bodies are short JSON or text; 64 KiB is far more than any Warp error and bounds a
   * hostile one.
   */
  static final int ERROR_LIMIT = 64 * 1024;

  /**
   * Reads {@code response}; fails with the transport error if the connection breaks, and with a
   * {@link TimeoutException} (the request reset) if the whole body takes longer than
   * {@code within}: Vert.x's request timeout stops at the response head, and a server that sends a
   * head and then nothing must not hold the call forever.
   */
  static Future<BoundedBody> read(
      HttpClientRequest request, HttpClientResponse response, int limit, Duration within) {
    Promise<BoundedBody> result = Promise.promise();
    Context context = Vertx.currentContext();
    if (context != null) {
      long timer = context.owner().setTimer(Math.max(1, within.toMillis()), id -> {
        if (result.tryFail(new TimeoutException("the body did not arrive within " + within))) {
          request.reset();
        }
      });
      result.future().onComplete(done -> context.owner().cancelTimer(timer));
    }
    Buffer collected = Buffer.buffer();
    response.handler(chunk -> {
      if (result.future().isComplete()) {
        return;
      }
      int room = limit - collected.length();
      if (chunk.length() <= room) {
        collected.appendBuffer(chunk);
        return;
      }
      collected.appendBuffer(chunk, 0, room);
      result.tryComplete(new BoundedBody(collected.toString(StandardCharsets.UTF_8), true));
      request.reset();
    });
    response.endHandler(done ->
        result.tryComplete(new BoundedBody(collected.toString(StandardCharsets.UTF_8), false)));
    response.exceptionHandler(result::tryFail);
    response.resume();
    return result.future();
  }

  /** The text, with a visible marker when it was cut. */
  String forDisplay() {
    return truncated ? text + "… (truncated at " + text.length() + " chars)" : text;
  }
}
