package dev.warp2api.pipeline;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.GatewayException;
import java.util.List;

/**
 * Where the pipeline delivers one call's outcome, in the gateway's own terms ({@link ChatEvent}s
 * and a {@link GatewayException} made from an {@code Ending}), whatever the client's dialect. All
 * methods are called on the event loop that called {@link Pipeline#execute}, never concurrently,
 * and the call ends with exactly one of {@link #onEnd()} or {@link #onFailure(GatewayException)}.
 *
 * <p>Failover happens only while nothing that the client would see twice has been delivered: the
 * pipeline holds back every event until the first content event (text, reasoning or a tool call) of
 * an attempt, so an attempt that fails before that is discarded without a trace. After that the
 * answer is committed and a failure ends it with {@link #onFailure}, unless the sink says it can
 * {@link #restart()} (a non-streaming response that has not been sent yet).
 */
public interface UpstreamSink {

  /**
   * Warp accepted the request (HTTP 200). Called once. The chat routes do not wait for it: they arm
   * their 200 head when the call starts, and it goes out with the first content or after
   * {@code W2A_KEEPALIVE} of silence (docs/API.md, "Streaming: when the head goes out"). The
   * bridge's SSE route waits for the first event instead.
   */
  default void onOpen() {}

  /**
   * What one upstream event means (possibly no events). Content is delivered in order; events an
   * attempt produced before it failed are never delivered. A sink that also needs Warp's events as
   * they came implements {@link RawUpstreamSink}.
   */
  void onEvent(List<ChatEvent> events);

  /**
   * The events delivered since the previous call all came from one upstream read: a streaming sink
   * may collect what it renders in {@link #onEvent} and write it to its client here, in one write.
   * Called after every upstream chunk (also one that delivered nothing), before the pipeline asks
   * {@link #writeQueueFull()}. A sink that collects must also write what it holds before it handles
   * {@link #onEnd()} or {@link #onFailure}, which may follow events without this call.
   */
  default void onBatchEnd() {}

  /** The call failed; nothing more follows. */
  void onFailure(GatewayException error);

  /** The answer is complete (after a {@code Finished} event); nothing more follows. */
  void onEnd();

  /** Whether the sink can forget what it received and take a new attempt from the start. */
  default boolean restartable() {
    return false;
  }

  /** Forget everything received so far; only called when {@link #restartable()} is true. */
  default void restart() {}

  /**
   * Whether the client is too slow: the pipeline then pauses the upstream until {@link #onDrain}
   * fires.
   */
  default boolean writeQueueFull() {
    return false;
  }

  /** Registers what to run once the client has caught up. */
  default void onDrain(Runnable resume) {
    resume.run();
  }
}
