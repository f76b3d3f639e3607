package dev.warp2api.warp.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upstream connections as Micrometer meters (served by {@code GET /metrics}):
 * {@code warp2api.upstream.connections.open} (gauge), {@code warp2api.upstream.handshakes} (timer:
 * each TCP + TLS handshake, by negotiated protocol), {@code warp2api.upstream.connect.failures},
 * {@code warp2api.upstream.streams.per_connection} (summary: streams a connection carried when it
 * closed, and {@code warp2api.upstream.streams.in_use} the streams on a connection as each new one
 * starts), {@code warp2api.upstream.goaways}, {@code warp2api.upstream.resets} (RST_STREAM
 * received) and {@code warp2api.upstream.refused_retries} (requests refused unprocessed and sent
 * again). Lock-free.
 */
public final class ConnectionMetrics implements ConnectionEvents {
  private final AtomicLong open = new AtomicLong();
  private final MeterRegistry registry;
  private final Timer h2Handshakes;
  private final Timer h1Handshakes;
  private final Counter connectFailures;
  private final DistributionSummary streamsPerConnection;
  private final DistributionSummary streamsInUse;
  private final Counter goAways;
  private final Counter resets;
  private final Counter refusedRetries;

  public ConnectionMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("warp2api.upstream.connections.open", open, AtomicLong::get)
        .description("upstream connections open now")
        .register(registry);
    this.h2Handshakes = handshakes("h2");
    this.h1Handshakes = handshakes("http/1.1");
    this.connectFailures = Counter.builder("warp2api.upstream.connect.failures")
        .description("upstream connection attempts that failed")
        .register(registry);
    this.streamsPerConnection = DistributionSummary.builder(
            "warp2api.upstream.streams.per_connection")
        .description("requests an upstream connection carried, recorded when it closed")
        .register(registry);
    this.streamsInUse = DistributionSummary.builder("warp2api.upstream.streams.in_use")
        .description("streams in use on the chosen upstream connection as each request starts")
        .register(registry);
    this.goAways = Counter.builder("warp2api.upstream.goaways")
        .description("GOAWAY frames received")
        .register(registry);
    this.resets = Counter.builder("warp2api.upstream.resets")
        .description("streams reset by the upstream")
        .register(registry);
    this.refusedRetries = Counter.builder("warp2api.upstream.refused_retries")
        .description("requests refused unprocessed (GOAWAY, REFUSED_STREAM) and sent again")
        .register(registry);
  }

  private Timer handshakes(String protocol) {
    return Timer.builder("warp2api.upstream.handshakes")
        .tag("protocol", protocol)
        .description("upstream connections opened (TCP + TLS handshake)")
        .register(registry);
  }

  @Override
  public void opened(String origin, HttpVersion protocol, Duration handshake) {
    open.incrementAndGet();
    (protocol == HttpVersion.HTTP_2 ? h2Handshakes : h1Handshakes).record(handshake);
  }

  @Override
  public void openFailed(String origin) {
    connectFailures.increment();
  }

  @Override
  public void closed(String origin, long streams) {
    open.decrementAndGet();
    streamsPerConnection.record(streams);
  }

  @Override
  public void streamStarted(String origin, int inUse) {
    streamsInUse.record(inUse);
  }

  @Override
  public void goAway(String origin) {
    goAways.increment();
  }

  @Override
  public void streamReset(String origin) {
    resets.increment();
  }

  @Override
  public void refusedRetried(String origin) {
    refusedRetries.increment();
  }
}
