package dev.warp2api.api.bridge;

import dev.warp2api.pipeline.PipelineCall;

/**
 * A call that may be cancelled before the pipeline has returned it: the client can go away while
 * the call is being started. Event-loop confined, like the call itself.
 */
final class CallHandle implements PipelineCall {
  private PipelineCall call;
  private boolean cancelled;

  /** Binds the started call; cancels it at once if the client already went away. */
  void bind(PipelineCall started) {
    call = started;
    if (cancelled && call != null) {
      call.cancel();
    }
  }

  @Override
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    if (call != null) {
      call.cancel();
    }
  }

  boolean cancelled() {
    return cancelled;
  }
}
