package dev.warp2api.warp.client;

import java.util.Objects;

/**
 * Carries an {@link UpstreamFailure} through a failed {@code Future} or a stream's exception
 * handler. Its message is {@link UpstreamFailure#safeDescription()}; it has no stack trace (it is a
 * value, not a bug).
 */
public final class UpstreamFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient UpstreamFailure failure;

  public UpstreamFailureException(UpstreamFailure failure) {
    super(Objects.requireNonNull(failure, "failure").safeDescription(), null, false, false);
    this.failure = failure;
  }

  /** The classified failure; switch over it (it is sealed). */
  public UpstreamFailure failure() {
    return failure;
  }
}
