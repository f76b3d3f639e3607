package dev.warp2api.pipeline;

import dev.warp2api.core.Ending;
import dev.warp2api.pool.Affinity;
import dev.warp2api.pool.Conversation;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.warp.client.WarpClient;
import dev.warp2api.warp.protocol.SseEventReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one path every route that calls Warp goes through: pick a credential, get a fresh access
 * token, call, classify the outcome once, and let {@link RetryPolicy} decide to retry, fail over or
 * give up. {@link Execution} coordinates the steps of one call ({@link CredentialWait},
 * {@link Attempt}, {@link HoldBack}, {@link Completion}); this class holds what all calls share.
 *
 * <p>Thread-safety: {@link #execute} may be called from any event loop; each call then runs
 * confined to the caller's context.
 */
public final class Pipeline {
  final Vertx vertx;
  final CredentialPool pool;
  /** Which credential served each conversation's last turn: the hint {@code pool} is given. */
  final Affinity affinity;

  final CredentialTokens tokens;
  final WarpClient client;
  final QuotaReader quotaReader;
  final RetryPolicy policy;
  final Clock clock;
  final PipelineListener listener;
  final FinishedRequests finished;
  /** Calls started and not yet ended (streams in flight). */
  final AtomicInteger inFlight = new AtomicInteger();
  /** The most bytes one upstream event may occupy ({@link SseEventReader#maxEventBytesFor}). */
  final int maxEventBytes;
  /** How long a call's attempts may take before the first content ({@code W2A_UPSTREAM_BUDGET}). */
  final Duration budget;
  /** The calls running now, to be ended when a shutdown's grace is over. */
  final Set<Execution> running = ConcurrentHashMap.newKeySet();

  public Pipeline(
      Vertx vertx,
      CredentialPool pool,
      Affinity affinity,
      CredentialTokens tokens,
      WarpClient client,
      QuotaReader quotaReader,
      RetryPolicy policy,
      Clock clock,
      PipelineListener listener,
      FinishedRequests finished,
      int maxEventBytes,
      Duration budget) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.affinity = Objects.requireNonNull(affinity, "affinity");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.client = Objects.requireNonNull(client, "client");
    this.quotaReader = Objects.requireNonNull(quotaReader, "quotaReader");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = listener == null ? PipelineListener.NONE : listener;
    this.finished = finished == null ? new FinishedRequests() : finished;
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.budget = Objects.requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive: " + budget);
    }
  }

  /** Calls started and not yet ended: the requests (streamed or not) in flight to Warp. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Sends one serialized Warp {@code Request} and delivers its outcome to {@code sink}. The same
   * bytes are sent on every attempt. Must be called on a Vert.x context; the sink is called on it.
   */
  public PipelineCall execute(Buffer requestBody, UpstreamSink sink) {
    return execute(requestBody, sink, CallLabel.unlabelled());
  }

  /**
   * As {@link #execute(Buffer, UpstreamSink)}, and the {@link FinishedRequest} published at the end
   * carries {@code label}.
   */
  public PipelineCall execute(Buffer requestBody, UpstreamSink sink, CallLabel label) {
    return execute(requestBody, sink, label, Conversation.NONE);
  }

  /**
   * As {@link #execute(Buffer, UpstreamSink, CallLabel)}, for a turn of {@code conversation}: the
   * pool is asked to prefer the credential that served the conversation's last turn, and the
   * credential that serves this one is remembered for the next (docs/POOL.md "Conversation
   * affinity").
   */
  public PipelineCall execute(
      Buffer requestBody, UpstreamSink sink, CallLabel label, Conversation conversation) {
    inFlight.incrementAndGet();
    Execution execution = new Execution(
        this, requestBody, sink, label, Objects.requireNonNull(conversation, "conversation"));
    execution.start();
    return execution;
  }

  /**
   * Ends every call still running with {@code ending}, each on its own event loop (shutdown, once
   * the grace period is over).
   */
  public void endAll(Ending.Failure ending) {
    for (Execution e : running) {
      e.context.runOnContext(v -> e.endWith(ending));
    }
  }
}
