package dev.warp2api.warp.client;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A 200 answer from Warp whose body (the SSE stream) is still arriving. Nothing is buffered: chunks
 * go to {@link #handler} as they come, with backpressure through {@link #pause()},
 * {@link #resume()} and {@link #fetch(long)}.
 *
 * <p>Flow: the body does not flow until {@link #handler} is set; it starts on the next event-loop
 * turn after that, so set {@link #endHandler} and {@link #exceptionHandler} in the same callback.
 * Call {@link #pause()} first to start with no demand and pull with {@link #fetch(long)}.
 *
 * <p>Failures: the exception handler receives an {@link UpstreamFailureException} whose failure is
 * {@link UpstreamFailure.DroppedMidStream} when the connection broke mid-body, or
 * {@link UpstreamFailure.Transient} with {@code timeout = true} after the idle timeout. After
 * {@link #cancel()} neither the end nor the exception handler is called.
 *
 * <p>Threading: handlers run on the event loop that made the request; the methods may be called
 * from any thread, but are meant for that event loop. Not reusable.
 */
public final class UpstreamResponse {
  private final HttpClientRequest request;
  private final HttpClientResponse response;
  private final Context context;
  private final long idleTimeoutNanos;
  private volatile long lastActivityNanos;
  /**
   * The pending idle timer; cancelled as soon as the body ends, fails or is cancelled, so it holds
   * nothing.
   */
  private volatile long idleTimerId = -1;

  private volatile boolean cancelled;
  private volatile boolean callerPaused;
  private volatile boolean started;
  private volatile Handler<Buffer> dataHandler;
  private volatile Handler<Void> endHandler;
  private volatile Handler<Throwable> exceptionHandler;
  /**
   * Set once: null while streaming, then {@link #ENDED} or the failure. Delivered once to the
   * matching handler.
   */
  private final AtomicReference<Object> outcome = new AtomicReference<>();

  private final AtomicBoolean outcomeDelivered = new AtomicBoolean();
  private static final Object ENDED = new Object();
  /**
   * Sees the body as it passes (an {@link ExchangeCapture} recording); null, the usual case, costs
   * one read.
   */
  private volatile Tap tap;

  /**
   * An observer of the body: each chunk, then the end (null) or the failure. Called on the event
   * loop.
   */
  interface Tap {
    void chunk(Buffer chunk);

    void end(Throwable failureOrNull);
  }

  /** @param onReset called when the server resets the stream mid-body (for metrics) */
  UpstreamResponse(
      HttpClientRequest request,
      HttpClientResponse response,
      Context context,
      Duration idleTimeout,
      Runnable onReset) {
    this.request = request;
    this.response = response;
    this.context = context;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.lastActivityNanos = System.nanoTime();
    response.pause();
    response.handler(chunk -> {
      lastActivityNanos = System.nanoTime();
      Handler<Buffer> h = dataHandler;
      Tap t = tap;
      if (t != null && !cancelled) {
        t.chunk(chunk);
      }
      if (!cancelled && outcome.get() == null && h != null) {
        h.handle(chunk);
      }
    });
    response.endHandler(v -> settle(ENDED));
    response.exceptionHandler(error -> {
      if (error instanceof StreamResetException && !cancelled) {
        onReset.run();
      }
      settle(new UpstreamFailureException(UpstreamFailure.fromThrowable(error, true)));
    });
    armIdleTimer(idleTimeoutNanos);
  }

  /*
   * Idle timeout: Vert.x's request timeout covers the wait for the response head; for the body we keep our own.
   * One timer per idle period: when it fires it checks the time since the last chunk and re-arms for the rest.
   * Silence while the caller has paused us is the caller's doing, not the upstream's, and does not count.
   */
  private void armIdleTimer(long delayNanos) {
    long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos));
    idleTimerId = context.owner().setTimer(delayMs, id -> {
      if (outcome.get() != null || cancelled) {
        return;
      }
      long silent = System.nanoTime() - lastActivityNanos;
      if (callerPaused) {
        lastActivityNanos = System.nanoTime();
        armIdleTimer(idleTimeoutNanos);
      } else if (silent >= idleTimeoutNanos) {
        settle(new UpstreamFailureException(
            new UpstreamFailure.Transient("upstream went silent mid-stream (idle timeout)", true)));
        request.reset();
      } else {
        armIdleTimer(idleTimeoutNanos - silent);
      }
    });
  }

  /** Records the end or failure (first one wins) and delivers it if its handler is already set. */
  private void settle(Object result) {
    if (!cancelled && outcome.compareAndSet(null, result)) {
      stopIdleTimer();
      Tap t = tap;
      if (t != null) {
        tap = null;
        t.end(result == ENDED ? null : (Throwable) result);
      }
      deliver();
    }
  }

  private void stopIdleTimer() {
    long id = idleTimerId;
    if (id >= 0) {
      context.owner().cancelTimer(id);
    }
  }

  private void deliver() {
    Object result = outcome.get();
    if (result == null || cancelled) {
      return;
    }
    if (result == ENDED) {
      Handler<Void> h = endHandler;
      if (h != null && outcomeDelivered.compareAndSet(false, true)) {
        h.handle(null);
      }
    } else {
      Handler<Throwable> h = exceptionHandler;
      if (h != null && outcomeDelivered.compareAndSet(false, true)) {
        h.handle((Throwable) result);
      }
    }
  }

  void tap(Tap observer) {
    this.tap = observer;
  }

  /** The response headers (e.g. {@code content-type}); never contain our token. */
  public MultiMap headers() {
    return response.headers();
  }

  /**
   * The HTTP version actually spoken: HTTP/2 for {@code https://} when the server agreed, else
   * HTTP/1.1.
   */
  public HttpVersion protocol() {
    return response.version();
  }

  /** Receives each body chunk as it arrives; setting it lets the body flow (unless paused). */
  public UpstreamResponse handler(Handler<Buffer> handler) {
    this.dataHandler = handler;
    if (!started) {
      started = true;
      context.runOnContext(v -> {
        if (!callerPaused && !cancelled && outcome.get() == null) {
          response.resume();
        }
      });
    }
    return this;
  }

  /** Called once when the body ended normally (on the next event-loop turn if it already had). */
  public UpstreamResponse endHandler(Handler<Void> handler) {
    this.endHandler = handler;
    context.runOnContext(v -> deliver());
    return this;
  }

  /**
   * Called once with an {@link UpstreamFailureException} if the body breaks or goes silent (on the
   * next event-loop turn if that already happened).
   */
  public UpstreamResponse exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    context.runOnContext(v -> deliver());
    return this;
  }

  /**
   * Stops delivering chunks until {@link #resume()} or {@link #fetch(long)}; the upstream feels it
   * by flow control.
   */
  public UpstreamResponse pause() {
    callerPaused = true;
    response.pause();
    return this;
  }

  /** Delivers chunks as they come again. */
  public UpstreamResponse resume() {
    callerPaused = false;
    lastActivityNanos = System.nanoTime();
    response.resume();
    return this;
  }

  /** Asks for {@code amount} more chunks while paused. */
  public UpstreamResponse fetch(long amount) {
    response.fetch(amount);
    return this;
  }

  /**
   * Abandons the call at once: resets the HTTP/2 stream, or closes the HTTP/1.1 connection.
   * Idempotent; used when our client disconnects. No handler is called afterwards.
   */
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    tap = null; // our client went away: not a failure of Warp's
    stopIdleTimer();
    request.reset();
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }
}
