package dev.warp2api.sim;

import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;

/** Sets the {@code StreamFinished.reason} oneof from a {@link SimFinish}. */
final class FinishReasons {
  private FinishReasons() {}

  static StreamFinished.Builder apply(StreamFinished.Builder b, SimFinish f) {
    return switch (f.kind()) {
      case DONE -> b.setDone(StreamFinished.Done.getDefaultInstance());
      case OTHER -> b.setOther(StreamFinished.Other.getDefaultInstance());
      case MAX_TOKEN_LIMIT ->
        b.setMaxTokenLimit(StreamFinished.ReachedMaxTokenLimit.getDefaultInstance());
      case QUOTA_LIMIT -> b.setQuotaLimit(StreamFinished.QuotaLimit.getDefaultInstance());
      case CONTEXT_WINDOW_EXCEEDED ->
        b.setContextWindowExceeded(StreamFinished.ContextWindowExceeded.getDefaultInstance());
      case LLM_UNAVAILABLE ->
        b.setLlmUnavailable(StreamFinished.LLMUnavailable.getDefaultInstance());
      case INTERNAL_ERROR ->
        b.setInternalError(StreamFinished.InternalError.newBuilder().setMessage(f.message()));
      case INVALID_API_KEY ->
        b.setInvalidApiKey(StreamFinished.InvalidApiKey.newBuilder().setModelName(f.message()));
    };
  }
}
