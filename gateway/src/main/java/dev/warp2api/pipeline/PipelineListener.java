package dev.warp2api.pipeline;

import java.time.Duration;

/**
 * Observes the pipeline for metrics and logs (OkHttp's {@code EventListener}): implementations are
 * fast, never throw and take no lock on the request path.
 */
public interface PipelineListener {
  PipelineListener NONE = new PipelineListener() {};

  /** The request went upstream: time from the call's start to the request being sent. */
  default void upstreamRequestSent(String credential, int attempt, Duration sinceStart) {}

  /** An attempt failed and the policy decided what to do. */
  default void attemptFailed(
      String credential, int attempt, String failureKind, RetryDecision decision) {}

  /**
   * The first content event was handed to the client, {@code sinceFirstUpstreamByte} after the
   * first upstream byte.
   */
  default void firstClientByte(Duration sinceFirstUpstreamByte) {}

  /** The call ended: ok or with an error kind. */
  default void finished(String outcome, Duration total) {}
}
