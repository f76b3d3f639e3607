package dev.warp2api.api;

import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body within three bounds: its size ({@code W2A_MAX_BODY_BYTES}: a declared
 * {@code content-length} over it fails at once, a body growing past it as soon as it does, and the
 * rest is not buffered), the memory of all bodies together ({@link BodyBudget}, counted as bytes
 * arrive, never reserved from a declared length), and progress (no chunk for
 * {@code W2A_HEADER_TIMEOUT} closes the connection). A body whose framing is broken (a malformed
 * chunk size) is a 400; a client that goes away mid-upload is logged at debug, since nothing went
 * wrong on this side.
 */
public final class BodyReader {
  private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
  /**
   * The first allocation for a body: a declared length is a claim, not bytes, so it reserves
   * nothing.
   */
  private static final int FIRST_CAPACITY = 16 * 1024;

  /**
   * A body read within the budget. {@link #release()} gives its bytes back to the budget once it is
   * translated; idempotent.
   */
  public static final class Body {
    private final Buffer bytes;
    private final BodyBudget budget;
    private final AtomicBoolean held = new AtomicBoolean(true);

    private Body(Buffer bytes, BodyBudget budget) {
      this.bytes = bytes;
      this.budget = budget;
    }

    public Buffer bytes() {
      return bytes;
    }

    public void release() {
      if (held.compareAndSet(true, false)) {
        budget.give(bytes.length());
      }
    }
  }

  private final Vertx vertx;
  private final long maxBytes;
  private final BodyBudget budget;
  private final long stallMillis;

  public BodyReader(Vertx vertx, long maxBytes, BodyBudget budget, Duration stallTimeout) {
    this.vertx = vertx;
    this.maxBytes = maxBytes;
    this.budget = budget;
    this.stallMillis = Math.max(1, stallTimeout.toMillis());
  }

  /**
   * The whole body, or a failed future: {@link ErrorKind#PAYLOAD_TOO_LARGE} over the size limit,
   * {@link ErrorKind#OVERLOADED} beyond the budget, {@link ErrorKind#INVALID_REQUEST} for broken
   * framing or a client gone or stalled. Call on the request's event loop.
   */
  public Future<Body> read(HttpServerRequest request) {
    String declared = request.getHeader("content-length");
    long length = -1;
    if (declared != null) {
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        return Future.failedFuture(
            GatewayException.invalid("Malformed content-length header.", null));
      }
      if (length > maxBytes) {
        discardRest(request);
        return Future.failedFuture(tooLarge());
      }
    }
    Promise<Body> promise = Promise.promise();
    Buffer body =
        Buffer.buffer((int) Math.max(0, Math.min(FIRST_CAPACITY, length < 0 ? 1024 : length)));
    long[] taken = {0};
    long[] lastChunk = {System.nanoTime()};
    Runnable giveBack = () -> {
      budget.give(taken[0]);
      taken[0] = 0;
    };
    long timer = watchProgress(request, promise, lastChunk, giveBack);
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      lastChunk[0] = System.nanoTime();
      if (body.length() + (long) chunk.length() > maxBytes) {
        fail(request, promise, tooLarge(), giveBack);
        discardRest(request);
        return;
      }
      if (!budget.tryTake(chunk.length())) {
        fail(request, promise, budget.overloaded(), giveBack);
        discardRest(request);
        return;
      }
      taken[0] += chunk.length();
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> fail(request, promise, framing(e, request), giveBack));
    request.endHandler(v -> {
      vertx.cancelTimer(timer);
      if (!promise.tryComplete(new Body(body, budget))) {
        giveBack.run();
      }
    });
    return promise.future();
  }

  private void fail(
      HttpServerRequest request, Promise<Body> promise, GatewayException error, Runnable giveBack) {
    if (promise.tryFail(error)) {
      giveBack.run();
    }
  }

  /** Checks progress at most once per stall interval; one timer per body, not one per chunk. */
  private long watchProgress(
      HttpServerRequest request, Promise<Body> promise, long[] lastChunk, Runnable giveBack) {
    long[] id = {0};
    id[0] = vertx.setPeriodic(stallMillis, stallMillis, t -> {
      if (promise.future().isComplete()) {
        vertx.cancelTimer(id[0]);
        return;
      }
      if (System.nanoTime() - lastChunk[0] >= TimeUnit.MILLISECONDS.toNanos(stallMillis)) {
        vertx.cancelTimer(id[0]);
        LOG.debug("event=request.body_stalled after_ms={}", stallMillis);
        fail(
            request,
            promise,
            GatewayException.invalid(
                "The request body stalled: no bytes for " + stallMillis
                    + " ms (W2A_HEADER_TIMEOUT).",
                null),
            giveBack);
        request.connection().close();
      }
    });
    promise.future().onComplete(ar -> vertx.cancelTimer(id[0]));
    return id[0];
  }

  /**
   * What a failure while the body was arriving means for the client: its own doing, never a 500.
   */
  private static GatewayException framing(Throwable e, HttpServerRequest request) {
    if (e instanceof HttpClosedException) {
      LOG.debug("event=request.upload_aborted method={} path={}", request.method(), request.path());
      return GatewayException.invalid(
          "The client closed the connection before the body was complete.", null);
    }
    LOG.debug(
        "event=request.body_malformed method={} path={} error={}",
        request.method(),
        request.path(),
        e.getClass().getSimpleName());
    return GatewayException.invalid(
        "Malformed request body: its framing (chunk sizes or length) is broken.", null);
  }

  /**
   * Reads and drops the rest of a body that is refused, so that a client still uploading gets to
   * read its answer instead of a reset connection; past {@link #DISCARD_LIMIT} bytes the connection
   * is closed instead.
   */
  private static void discardRest(HttpServerRequest request) {
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > DISCARD_LIMIT) {
        request.handler(null);
        request.connection().close();
      }
    });
  }

  /** How much of a rejected body is read and dropped before the connection is closed instead. */
  private static final long DISCARD_LIMIT = 256L * 1024 * 1024;

  private GatewayException tooLarge() {
    return GatewayException.of(
        ErrorKind.PAYLOAD_TOO_LARGE,
        "Request body is larger than the limit of " + maxBytes + " bytes (W2A_MAX_BODY_BYTES).");
  }
}
