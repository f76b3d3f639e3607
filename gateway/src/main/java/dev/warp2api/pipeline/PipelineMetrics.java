package dev.warp2api.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's timing as Micrometer meters (served by {@code GET /metrics}):
 * {@code warp2api.overhead.upstream_sent} (request in to upstream request sent, per attempt),
 * {@code warp2api.overhead.first_byte} (first upstream byte to first client byte; the first client
 * byte goes with Warp's first content event, since the events before it are held back so a failure
 * can still fail over), {@code warp2api.requests} by outcome and {@code warp2api.attempts.failed}
 * by failure kind and decision. Recording is lock-free and never throws.
 */
public final class PipelineMetrics implements PipelineListener {
  private final MeterRegistry registry;
  private final Timer upstreamSent;
  private final Timer firstByte;
  /**
   * One timer per outcome, registered once: building and registering a meter per request costs CPU.
   */
  private final ConcurrentHashMap<String, Timer> finishedByOutcome = new ConcurrentHashMap<>();

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.upstreamSent = Timer.builder("warp2api.overhead.upstream_sent")
        .description("time from the client request to the upstream request being sent")
        .publishPercentileHistogram()
        .register(registry);
    this.firstByte = Timer.builder("warp2api.overhead.first_byte")
        .description("time from the first upstream byte to the first byte handed to the client")
        .publishPercentileHistogram()
        .register(registry);
  }

  @Override
  public void upstreamRequestSent(String credential, int attempt, Duration sinceStart) {
    upstreamSent.record(sinceStart);
  }

  @Override
  public void firstClientByte(Duration sinceFirstUpstreamByte) {
    firstByte.record(sinceFirstUpstreamByte);
  }

  @Override
  public void attemptFailed(
      String credential, int attempt, String failureKind, RetryDecision decision) {
    Counter.builder("warp2api.attempts.failed")
        .tag("failure", failureKind)
        .tag("decision", decision.label())
        .register(registry)
        .increment();
  }

  @Override
  public void finished(String outcome, Duration total) {
    Timer timer = finishedByOutcome.get(outcome);
    if (timer == null) {
      timer = finishedByOutcome.computeIfAbsent(
          outcome, o -> Timer.builder("warp2api.requests").tag("outcome", o).register(registry));
    }
    timer.record(total);
  }
}
