package dev.warp2api.core;

import java.util.Locale;
import java.util.Objects;

/**
 * How a turn ends, or why it cannot be served: the one place that decides what a Warp finish reason
 * or an unavailable pool means, with one wording per cause. Dialects only render it (OpenAI's
 * {@code finish_reason} or error, Anthropic's {@code stop_reason} or error event, the bridge's
 * error); {@code api.ErrorMapper} turns a failure's {@link ErrorKind} into a status.
 *
 * <p>Normal endings keep the answer; failures replace it with an error (docs/PROTOCOL.md, "Finish
 * reasons"). A switch over this type names every case, so a new ending does not compile until every
 * dialect renders it.
 */
public sealed interface Ending {

  /** What Warp's {@code finished} event can mean: see {@link #of}. */
  sealed interface Finish extends Ending {}

  /** The answer stands, and the ending says why it stopped. */
  sealed interface Normal extends Finish {}

  /** The model finished its answer. */
  record Stop() implements Normal {}

  /** The model finished by calling tools: the client runs them and asks again. */
  record ToolCalls() implements Normal {}

  /** The output reached its token limit. */
  record MaxTokens() implements Normal {}

  /** The conversation no longer fits the model's context window. */
  record ContextWindowExceeded() implements Normal {}

  /**
   * The account's quota ran out after some output: the answer so far stands, cut as at a token
   * limit. The chat dialects end it as at a token limit; the Responses API, whose clients retry an
   * answer that did not complete, ends it as a failure that says whether asking again can help.
   *
   * @param creditLeft whether another credential can serve (now, or once a cooldown or a busy slot
   *     is over); false when every credential's quota is used up or none else can serve at all
   * @param retryAfterSeconds when {@code creditLeft}, seconds until another credential can serve
   *     (at least 1); else seconds until the soonest quota reset, or -1 when unknown
   */
  record QuotaRanOutAfterOutput(boolean creditLeft, long retryAfterSeconds) implements Normal {
    public QuotaRanOutAfterOutput {
      retryAfterSeconds = creditLeft ? Math.max(1, retryAfterSeconds) : retryAfterSeconds;
    }

    /** The one wording of this ending, safe to show. */
    public String message() {
      return "The Warp credential's quota ran out during this response"
          + (creditLeft
              ? "; another credential can serve in " + retryAfterSeconds + " s."
              : "; no Warp credential has quota left"
                  + (retryAfterSeconds > 0
                      ? ", the soonest resets in " + retryAfterSeconds + " s."
                      : "."));
    }
  }

  Normal STOP = new Stop();
  Normal TOOL_CALLS = new ToolCalls();
  Normal MAX_TOKENS = new MaxTokens();
  Normal CONTEXT_WINDOW_EXCEEDED = new ContextWindowExceeded();
  /**
   * A quota that ran out after output, as a renderer not told what the pool said sees it: another
   * credential is assumed to serve in a second (the pipeline tells:
   * {@link ChatEvent.Finished#quotaRanOut}).
   */
  QuotaRanOutAfterOutput QUOTA_RAN_OUT_AFTER_OUTPUT = new QuotaRanOutAfterOutput(true, 1);

  /**
   * No answer: the client gets an error of {@link #kind()} with {@link #message()}, which is safe
   * to show (no token, no key, no text Warp attached to its reason).
   */
  sealed interface Failure extends Ending {
    ErrorKind kind();

    String message();

    /**
     * Seconds the client should wait before asking again, or -1 when nothing recovers on its own.
     */
    default long retryAfterSeconds() {
      return -1;
    }

    /**
     * This failure as the exception the routes hand to {@code api.ErrorMapper} or a stream's
     * renderer.
     */
    default GatewayException error() {
      return GatewayException.of(this);
    }
  }

  /**
   * A failure Warp reports by ending a turn: the pipeline treats it as the failed attempt it stands
   * for while nothing was sent, and a stream's renderer shows it as an error.
   */
  sealed interface TurnFailure extends Failure, Finish {}

  /**
   * No Warp credential is configured (or every configured one is of a tier the pool order leaves
   * out).
   */
  record NoCredentials() implements Failure {
    @Override
    public ErrorKind kind() {
      return ErrorKind.NO_CREDENTIALS;
    }

    @Override
    public String message() {
      return "No Warp credential is configured. Set WARP_REFRESH_TOKEN (or WARP_PERSONAL_TOKENS, WARP_SHARED_TOKENS,"
          + " WARP_ANONYMOUS_TOKEN, WARP_JWT) in the environment or .env, or add one with POST /admin/pool/credentials."
          + " Credentials of a tier that WARP_POOL_ORDER leaves out are not used.";
    }
  }

  /** Warp rejected every credential, or an operator disabled them: only an operator can help. */
  record CredentialsRejected() implements Failure {
    @Override
    public ErrorKind kind() {
      return ErrorKind.NO_CREDENTIALS;
    }

    @Override
    public String message() {
      return "Warp rejected every configured credential (auth failed or disabled). Check the refresh tokens,"
          + " then run './warp2api pool recover'.";
    }
  }

  /**
   * The only credentials are {@code WARP_JWT} access tokens past their expiry, which are never
   * refreshed.
   */
  record JwtExpired() implements Failure {
    @Override
    public ErrorKind kind() {
      return ErrorKind.NO_CREDENTIALS;
    }

    @Override
    public String message() {
      return "WARP_JWT has expired, and an access token is never refreshed, so no Warp credential can serve. Set"
          + " WARP_REFRESH_TOKEN (or WARP_PERSONAL_TOKENS, WARP_SHARED_TOKENS, WARP_ANONYMOUS_TOKEN) in the"
          + " environment or .env, or replace WARP_JWT with a fresh one, or add a refresh token with"
          + " POST /admin/pool/credentials.";
    }
  }

  /**
   * Every credential that could serve has run out of quota (also: Warp ended the turn with
   * {@code quota_limit} before any output).
   *
   * @param retryAfterSeconds seconds until the soonest reset, or -1 when unknown
   */
  record QuotaExhausted(long retryAfterSeconds) implements TurnFailure {
    @Override
    public ErrorKind kind() {
      return ErrorKind.QUOTA_EXHAUSTED;
    }

    @Override
    public String message() {
      return "Every Warp credential's quota is exhausted"
          + (retryAfterSeconds > 0 ? "; the soonest resets in " + retryAfterSeconds + " s." : ".");
    }
  }

  /**
   * Every credential that could serve is cooling down after Warp's overload or rate limits, or busy
   * at its concurrency cap.
   *
   * @param retryAfterSeconds seconds until the soonest is back (at least 1), or -1 when unknown
   */
  record RateLimited(long retryAfterSeconds) implements Failure {
    @Override
    public ErrorKind kind() {
      return ErrorKind.RATE_LIMITED;
    }

    @Override
    public String message() {
      return "Every Warp credential is busy or cooling down after rate limits"
          + (retryAfterSeconds > 0 ? "; retry in " + retryAfterSeconds + " s." : ".");
    }
  }

  /**
   * Warp refused the request itself (HTTP 400, or a turn ended with {@code invalid_api_key}): any
   * credential would be refused the same way.
   *
   * @param detail what Warp said, safe to show
   */
  record UpstreamRejected(String detail) implements TurnFailure {
    public UpstreamRejected {
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public ErrorKind kind() {
      return ErrorKind.UPSTREAM_BAD_REQUEST;
    }

    @Override
    public String message() {
      return "Warp rejected the request as malformed: " + detail;
    }
  }

  /**
   * Warp failed: a 5xx, a cut stream, an event the gateway cannot read, a turn that ended with an
   * error.
   *
   * @param attempts upstream attempts made for the request, or 0 when not counted (a stream's
   *     renderer)
   * @param detail what went wrong, safe to show
   */
  record UpstreamFailed(int attempts, String detail) implements TurnFailure {
    public UpstreamFailed {
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public ErrorKind kind() {
      return ErrorKind.UPSTREAM_FAILED;
    }

    @Override
    public String message() {
      return "Warp failed" + (attempts > 0 ? " after " + attempts + " attempt(s)" : "") + ": "
          + detail;
    }
  }

  /**
   * Warp did not answer in time.
   *
   * @param attempts upstream attempts made for the request
   */
  record UpstreamTimeout(int attempts) implements Failure {
    @Override
    public ErrorKind kind() {
      return ErrorKind.UPSTREAM_TIMEOUT;
    }

    @Override
    public String message() {
      return "Warp did not answer in time (" + attempts + " attempt(s)).";
    }
  }

  /**
   * This instance is shutting down and its grace period ({@code W2A_SHUTDOWN_GRACE}) is over: the
   * client may send the request again (to another instance).
   */
  record ShuttingDown() implements Failure {
    @Override
    public ErrorKind kind() {
      return ErrorKind.OVERLOADED;
    }

    @Override
    public long retryAfterSeconds() {
      return 1;
    }

    @Override
    public String message() {
      return "This gateway instance is shutting down; send the request again.";
    }
  }

  /**
   * What Warp's {@code finished} event means for the answer.
   *
   * @param reason the finish reason
   * @param anyOutput whether the turn produced output the client has (or will get) before this
   *     ending
   * @param anyToolCall whether the turn produced a tool call
   */
  static Finish of(FinishReason reason, boolean anyOutput, boolean anyToolCall) {
    return switch (reason) {
      case DONE, UNSPECIFIED -> anyToolCall ? TOOL_CALLS : STOP;
      case MAX_TOKENS -> MAX_TOKENS;
      case CONTEXT_WINDOW_EXCEEDED -> CONTEXT_WINDOW_EXCEEDED;
      case QUOTA_LIMIT -> anyOutput ? QUOTA_RAN_OUT_AFTER_OUTPUT : new QuotaExhausted(-1);
      case INVALID_API_KEY -> new UpstreamRejected(endedWith(reason));
      case LLM_UNAVAILABLE, INTERNAL_ERROR, OTHER -> new UpstreamFailed(0, endedWith(reason));
    };
  }

  /**
   * What a finished turn means for the answer, as {@link #of(FinishReason, boolean, boolean)}; a
   * quota that ran out after output says what the pool said then, when the pipeline added it.
   */
  static Finish of(ChatEvent.Finished finished, boolean anyOutput, boolean anyToolCall) {
    Finish ending = of(finished.reason(), anyOutput, anyToolCall);
    return ending instanceof QuotaRanOutAfterOutput ? finished.quotaRanOut() : ending;
  }

  /** The detail of a failed finish: the reason's name only, never the text Warp attached to it. */
  private static String endedWith(FinishReason reason) {
    return "Warp ended the turn with reason " + reason.name().toLowerCase(Locale.ROOT);
  }
}
