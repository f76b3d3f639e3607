package dev.warp2api.pipeline;

/** A running pipeline call. */
public interface PipelineCall {
  /**
   * Abandons the call (the client went away): the upstream request is reset at once, the credential
   * is released without an outcome, and the sink hears nothing more. Idempotent; event-loop only.
   */
  void cancel();
}
