package dev.warp2api.api;

import io.netty.buffer.ByteBufUtil;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A server-sent-events response: writes the head once, then text events; sends a keep-alive (an
 * OpenAI {@code : keep-alive} comment, an Anthropic {@code ping}) after {@code W2A_KEEPALIVE} of
 * silence; reports a client that went away. Confined to the event loop of its request.
 */
public final class SseStream {
  private final Vertx vertx;
  private final HttpServerResponse response;
  private final long keepaliveNanos;
  private final Supplier<String> keepaliveText;
  private long timerId = -1;
  private long deferredTimerId = -1;
  private long lastWrite;
  private boolean open;
  private boolean ended;
  /**
   * The head written by {@link #openLater} once there is something to send; null when none waits.
   */
  private String deferredRequestId;

  private CharSequence deferredHead;

  public SseStream(
      Vertx vertx,
      HttpServerResponse response,
      Duration keepalive,
      Supplier<String> keepaliveText) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.response = Objects.requireNonNull(response, "response");
    this.keepaliveNanos = keepalive.toNanos();
    this.keepaliveText = keepaliveText;
  }

  /** Runs {@code onGone} once if the client closes the connection before {@link #end}. */
  public SseStream onClientGone(Runnable onGone) {
    response.closeHandler(v -> {
      if (!ended) {
        ended = true;
        cancelTimer();
        dropDeferred();
        onGone.run();
      }
    });
    return this;
  }

  /**
   * Holds the 200 head and the dialect's first event ({@code head}) until there is something else
   * to send: the first {@link #write}, the {@link #end}, or {@code W2A_KEEPALIVE} of silence (then
   * with a keep-alive after it). Until then nothing is committed, so a failure can still be
   * answered with its HTTP status ({@link #abandon} first). Without a keep-alive interval the head
   * goes out at once.
   */
  public void openLater(String requestId, CharSequence head) {
    if (open || ended) {
      return;
    }
    if (keepaliveNanos <= 0 || keepaliveText == null) {
      open(requestId);
      write(head);
      return;
    }
    deferredRequestId = requestId;
    deferredHead = head;
    if (deferredTimerId < 0) {
      deferredTimerId = vertx.setTimer(Math.max(1, keepaliveNanos / 1_000_000), id -> {
        deferredTimerId = -1;
        if (ended || open || deferredHead == null || response.ended() || response.closed()) {
          return;
        }
        commitDeferred();
        write(keepaliveText.get());
      });
    }
  }

  /** Forgets a head held by {@link #openLater}: the caller answers with an HTTP error instead. */
  public void abandon() {
    dropDeferred();
  }

  private void commitDeferred() {
    CharSequence head = deferredHead;
    String requestId = deferredRequestId;
    dropDeferred();
    open(requestId);
    write(head);
  }

  private void dropDeferred() {
    deferredHead = null;
    deferredRequestId = null;
    if (deferredTimerId >= 0) {
      vertx.cancelTimer(deferredTimerId);
      deferredTimerId = -1;
    }
  }

  /** Writes the 200 head with the SSE headers (idempotent). */
  public void open(String requestId) {
    if (open || ended) {
      return;
    }
    open = true;
    response.setStatusCode(200);
    response.putHeader("content-type", "text/event-stream; charset=utf-8");
    response.putHeader("cache-control", "no-cache");
    response.putHeader("x-accel-buffering", "no");
    RequestIds.write(response, requestId);
    response.setChunked(true);
    lastWrite = System.nanoTime();
    if (keepaliveNanos > 0 && keepaliveText != null) {
      long periodMs = Math.max(10, keepaliveNanos / 2_000_000);
      timerId = vertx.setPeriodic(periodMs, id -> {
        if (!ended && System.nanoTime() - lastWrite >= keepaliveNanos) {
          write(keepaliveText.get());
        }
      });
    }
  }

  public boolean isOpen() {
    return open;
  }

  public boolean isEnded() {
    return ended;
  }

  /**
   * Writes event text (one or more complete events); ignored once ended. The text is encoded as
   * UTF-8 straight into the buffer that goes to the socket (no intermediate string or byte array),
   * so the caller may reuse a builder once this returns.
   */
  public void write(CharSequence text) {
    if (ended || text == null || text.isEmpty()) {
      return;
    }
    if (!open) {
      if (deferredHead != null) {
        commitDeferred();
      } else {
        open(null);
      }
    }
    lastWrite = System.nanoTime();
    int length = ByteBufUtil.utf8Bytes(text);
    BufferInternal bytes = BufferInternal.buffer(length);
    ByteBufUtil.reserveAndWriteUtf8(
        bytes.unwrap(), text, length); // writeUtf8 would reserve 3 bytes a char
    response.write(bytes);
  }

  public boolean writeQueueFull() {
    return !ended && response.writeQueueFull();
  }

  public void onDrain(Runnable resume) {
    response.drainHandler(v -> resume.run());
  }

  /** Ends the response (idempotent). */
  public void end() {
    if (ended) {
      return;
    }
    if (!open && deferredHead != null) {
      commitDeferred(); // an answer without content still has its head
    }
    ended = true;
    cancelTimer();
    response.end();
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
