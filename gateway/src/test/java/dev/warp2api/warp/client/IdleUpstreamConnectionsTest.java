package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimConnection;
import dev.warp2api.sim.SimServing;
import dev.warp2api.sim.WarpSimulator;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.SilenceableRelay;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idle and suspect HTTP/2 connections to Warp, against the simulator over TLS: kept open with PINGs
 * for the keep-warm time and closed after it; one whose PING goes unanswered (the path died without
 * a close) is closed and replaced by the next request instead of carrying it; and after a request's
 * answer timed out, the next request does not wait for that connection's PING but opens a fresh
 * one. Short times stand in for the defaults (PING every 30 s, kept 10 minutes, 30 s to the head).
 */
class IdleUpstreamConnectionsTest {
  /** A PING is answered in milliseconds; a loaded CI host may take hundreds. */
  private static final Duration PING = Duration.ofMillis(500);

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closed = new AtomicInteger();
  private WarpSimulator sim;
  private SilenceableRelay relay;
  private UpstreamTransport transport;
  private HttpTokenRefresher refresher;
  private WarpClient client;

  /** A refresher over a transport to {@code port} (the simulator's or the relay's). */
  private void connect(int port, Duration keepWarm) {
    connect(port, TransportOptions.defaults().withKeepWarm(PING, keepWarm));
  }

  private void connect(int port, TransportOptions options) {
    var endpoints = StubUpstream.endpointsAt(URI.create("https://127.0.0.1:" + port));
    ConnectionEvents counting = new ConnectionEvents() {
      @Override
      public void opened(String origin, HttpVersion protocol, Duration handshake) {
        opened.incrementAndGet();
      }

      @Override
      public void closed(String origin, long streams) {
        closed.incrementAndGet();
      }
    };
    transport = new UpstreamTransport(vertx, endpoints, options, counting);
    refresher = new HttpTokenRefresher(vertx, endpoints, transport, Clock.systemUTC());
    client = new WarpClient(vertx, endpoints, transport, Clock.systemUTC());
  }

  /** The simulator, a relay in front of it, and a transport to the relay. */
  private void connectThroughRelay(TransportOptions options) throws Exception {
    startSimulator();
    relay = SilenceableRelay.start(vertx, URI.create(sim.baseUrl()).getPort())
        .await(10, TimeUnit.SECONDS);
    connect(relay.port(), options);
  }

  private void startSimulator() throws Exception {
    sim = WarpSimulator.start(vertx, SimConfig.defaults(), 0, 1, SimServing.tls(100))
        .await(10, TimeUnit.SECONDS);
  }

  private void refresh() throws Exception {
    assertThat(refresher.refresh("rt-1").await(10, TimeUnit.SECONDS).value()).isNotBlank();
  }

  @AfterEach
  void stop() throws Exception {
    if (refresher != null) {
      client.close();
      refresher.close();
      transport.close();
    }
    if (relay != null) {
      relay.close();
    }
    if (sim != null) {
      sim.close().await(5, TimeUnit.SECONDS);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void anIdleConnectionIsPingedAndKeptOpenUntilItsKeepWarmTimeRunsOut() throws Exception {
    startSimulator();
    Duration keepWarm = Duration.ofSeconds(3);
    connect(URI.create(sim.baseUrl()).getPort(), keepWarm);
    long idleFrom = System.nanoTime(); // at the latest: the connection goes idle once it answered
    refresh();

    Await.until(
        "the idle connection has been pinged three times",
        Duration.ofSeconds(10),
        () -> sim.connections().get(0).pings() >= 3);
    SimConnection pinged = sim.connections().get(0);
    if (System.nanoTime() - idleFrom < keepWarm.toNanos()) {
      assertThat(pinged.open()).as("open while within its keep-warm time").isTrue();
    }
    assertThat(closed).hasValue(0);

    Await.until(
        "the connection is closed after its keep-warm time",
        Duration.ofSeconds(15),
        () -> !sim.connections().get(0).open());
    assertThat(Duration.ofNanos(System.nanoTime() - idleFrom))
        .as("kept for its keep-warm time")
        .isGreaterThanOrEqualTo(keepWarm);
    assertThat(closed).hasValue(1);

    refresh();
    List<SimConnection> seen = sim.connections();
    assertThat(seen).as("the next request opened a fresh connection").hasSize(2);
    assertThat(seen.get(1).open()).isTrue();
  }

  @Test
  void aConnectionWhosePingGoesUnansweredIsClosedAndTheNextRequestOpensAFreshOne()
      throws Exception {
    connectThroughRelay(TransportOptions.defaults().withKeepWarm(PING, Duration.ofMinutes(10)));
    refresh();
    assertThat(opened).hasValue(1);

    relay.silenceOpenConnections();
    Await.until(
        "the silent connection is closed as dead", Duration.ofSeconds(10), () -> closed.get() == 1);

    refresh();
    assertThat(opened).as("the next request opened a new connection").hasValue(2);
    List<SimConnection> seen = sim.connections();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).open())
        .as("the dead one is gone at the simulator too")
        .isFalse();
    assertThat(seen.get(1).streams())
        .as("the request went on the new connection")
        .isEqualTo(1);
  }

  @Test
  void afterAnAnswerTimesOutTheNextRequestOpensAFreshConnectionWithoutWaitingForThePing()
      throws Exception {
    connectThroughRelay(TransportOptions.defaults()
        .withKeepWarm(Duration.ofSeconds(3), Duration.ofMinutes(10))
        .withHeadTimeout(Duration.ofMillis(500)));
    String jwt = refresher.refresh("rt-1").await(10, TimeUnit.SECONDS).value();

    relay.silenceOpenConnections();
    UpstreamFailure timedOut =
        StubUpstream.upstreamFailureOf(client.send(StubUpstream.chatBody(), jwt));
    assertThat(timedOut).isInstanceOf(UpstreamFailure.Transient.class);
    assertThat(((UpstreamFailure.Transient) timedOut).timeout()).isTrue();

    String answer =
        Await.result(client.send(StubUpstream.chatBody(), jwt).compose(StubUpstream::drain));
    assertThat(answer).contains("data:");
    assertThat(opened).as("the next request opened a new connection").hasValue(2);
    assertThat(closed)
        .as("it did not wait for the suspect connection's PING to go unanswered")
        .hasValue(0);
    Await.until(
        "the suspect connection, its PING unanswered, is closed",
        Duration.ofSeconds(15),
        () -> closed.get() == 1);
    assertThat(sim.connections().get(1).streams()).isEqualTo(1);
  }
}
