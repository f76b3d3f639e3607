package dev.warp2api.pipeline;

import dev.warp2api.core.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One request that has ended, as the usage ledger, the recent-requests list, the traffic charts and
 * the meters see it: names and counts only, never the request's contents, a key or a token.
 *
 * @param time when it ended
 * @param key the client key's name, or null when the gateway needs none
 * @param model the Warp model id it resolved to
 * @param credential the name of the credential that served it (or was tried last), or null when
 *     none was leased
 * @param dialect the route family ({@link CallLabel#dialect()})
 * @param error the kind of error it ended with, or null when it was answered (or cancelled)
 * @param cancelled whether the client went away before the end
 * @param inputTokens prompt tokens (Warp's count, else the local estimate)
 * @param outputTokens completion tokens (Warp's count, else the local estimate)
 * @param reasoningTokens the local estimate of the reasoning's tokens (Warp reports none)
 * @param estimated whether the input or output count is a local estimate
 * @param failovers how many times the call moved on to another credential
 * @param upstream time from the first request sent to Warp to the end, zero when none was sent
 * @param total time from the request's arrival to the end
 */
public record FinishedRequest(
    Instant time,
    String key,
    String model,
    String credential,
    String dialect,
    ErrorKind error,
    boolean cancelled,
    long inputTokens,
    long outputTokens,
    long reasoningTokens,
    boolean estimated,
    int failovers,
    Duration upstream,
    Duration total) {
  public FinishedRequest {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(total, "total");
  }

  /** Whether the client got its answer. */
  public boolean ok() {
    return error == null && !cancelled;
  }

  /** {@code ok}, {@code cancelled} or the error kind's name. */
  public String outcome() {
    return error != null ? error.name() : cancelled ? "cancelled" : "ok";
  }

  /** Input plus output tokens: what a key's daily budget counts. */
  public long tokens() {
    return inputTokens + outputTokens;
  }
}
