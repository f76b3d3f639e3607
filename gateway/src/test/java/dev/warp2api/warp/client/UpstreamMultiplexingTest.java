package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimConnection;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.sim.SimServing;
import dev.warp2api.sim.WarpSimulator;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against the simulator over TLS + HTTP/2, counted from the simulator's own record of connections
 * and streams: requests share connections up to the advertised stream limit (also while the first
 * one is being set up), refresh, GraphQL and chat share one, a request refused by GOAWAY is sent
 * again on a new connection, and a stream whose reader stopped reading does not stop the others.
 */
class UpstreamMultiplexingTest {
  private final Vertx vertx = Vertx.vertx();
  private WarpSimulator sim;
  private UpstreamTransport transport;
  private WarpClient client;
  private HttpTokenRefresher refresher;

  private void start(int maxStreams) throws Exception {
    sim = WarpSimulator.start(vertx, SimConfig.defaults(), 0, 1, SimServing.tls(maxStreams))
        .await(10, TimeUnit.SECONDS);
    var endpoints = StubUpstream.endpointsAt(URI.create(sim.baseUrl()));
    transport = new UpstreamTransport(vertx, endpoints);
    client = new WarpClient(vertx, endpoints, transport, Clock.systemUTC());
    refresher = new HttpTokenRefresher(vertx, endpoints, transport, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
      refresher.close();
      transport.close();
    }
    if (sim != null) {
      sim.close().await(5, TimeUnit.SECONDS);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private String token() throws Exception {
    return refresher.refresh("rt-1").await(10, TimeUnit.SECONDS).value();
  }

  /** {@code n} chats sent at once from one event loop; completes when every body has ended. */
  private Future<List<String>> burst(Context loop, int n, String jwt) {
    Promise<List<String>> all = Promise.promise();
    loop.runOnContext(v -> {
      List<Future<String>> bodies = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        bodies.add(client.send(StubUpstream.chatBody(), jwt).compose(StubUpstream::drain));
      }
      Future.all(bodies).map(cf -> bodies.stream().map(Future::result).toList()).onComplete(all);
    });
    return all.future();
  }

  private void slowReplies(int n) {
    for (int i = 0; i < n; i++) {
      sim.enqueue(SimReply.events(4, Duration.ofMillis(100)));
    }
  }

  @Test
  void aStreamWhoseReaderIsPausedDoesNotHoldUpTheOtherStreamsOnItsConnection() throws Exception {
    start(100);
    String jwt = token();
    Context loop = vertx.getOrCreateContext();
    sim.enqueue(SimReply.longOutput(400_000));
    Promise<UpstreamResponse> stalled = Promise.promise();
    loop.runOnContext(v -> client.send(StubUpstream.chatBody(), jwt).onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().pause();
      }
      stalled.handle(ar);
    }));
    UpstreamResponse paused = stalled.future().await(10, TimeUnit.SECONDS);
    sim.enqueue(SimReply.longOutput(200_000));
    Promise<String> other = Promise.promise();
    loop.runOnContext(v ->
        client.send(StubUpstream.chatBody(), jwt).compose(StubUpstream::drain).onComplete(other));
    String body = other.future().await(15, TimeUnit.SECONDS);
    assertThat(body)
        .as("the second stream's whole reply")
        .contains("data:")
        .hasSizeGreaterThan(200_000);
    assertThat(sim.connections()).as("both streams on the one connection").hasSize(1);
    Promise<String> rest = Promise.promise();
    loop.runOnContext(v -> StubUpstream.drain(paused).onComplete(rest));
    loop.runOnContext(v -> paused.resume());
    assertThat(rest.future().await(15, TimeUnit.SECONDS)).hasSizeGreaterThan(400_000);
  }

  @Test
  void thirtyTwoConcurrentChatsFromOneEventLoopShareOneConnectionWithTheRefresh() throws Exception {
    start(100);
    String jwt = token();
    slowReplies(32);
    List<String> bodies = burst(vertx.getOrCreateContext(), 32, jwt).await(30, TimeUnit.SECONDS);
    assertThat(bodies).hasSize(32).allSatisfy(b -> assertThat(b).contains("data:"));
    List<SimConnection> seen = sim.connections();
    assertThat(seen)
        .as("one connection for the refresh and 32 overlapping chats")
        .hasSize(1);
    assertThat(seen.get(0).protocol()).isEqualTo("h2");
    assertThat(seen.get(0).streams()).isEqualTo(33);
    assertThat(seen.get(0).paths()).isEqualTo(Set.of("/proxy/token", "/ai/multi-agent"));
  }

  @Test
  void aColdBurstPastTheStreamLimitOpensOnlyTheConnectionsItNeeds() throws Exception {
    start(10);
    String jwt = token(); // learns the limit of 10 on the first connection
    slowReplies(35);
    List<String> bodies = burst(vertx.getOrCreateContext(), 35, jwt).await(30, TimeUnit.SECONDS);
    assertThat(bodies).hasSize(35);
    List<SimConnection> seen = sim.connections();
    // at most ceil(35 / 10); fewer when early streams end before the last ones start on a slow
    // machine
    assertThat(seen).as("35 streams at 10 per connection").hasSizeBetween(2, 4);
    assertThat(seen).allSatisfy(c -> assertThat(c.peakStreams()).isLessThanOrEqualTo(10));
    assertThat(seen.get(0).peakStreams())
        .as("the first connection was filled to its limit")
        .isEqualTo(10);
  }

  @Test
  void aBurstBeforeAnyConnectionWaitsForTheFirstInsteadOfOpeningOneEach() throws Exception {
    start(100);
    // the token from another transport: this one has no connection yet when the burst starts
    String jwt;
    URI base = URI.create(sim.baseUrl());
    var endpoints = new WarpEndpoints(
        base.resolve("/ai/multi-agent"),
        base.resolve("/proxy/token"),
        null,
        StubUpstream.IDENTITY,
        true,
        null,
        null);
    try (HttpTokenRefresher other = new HttpTokenRefresher(vertx, endpoints, Clock.systemUTC())) {
      jwt = other.refresh("rt-1").await(10, TimeUnit.SECONDS).value();
    }
    int before = sim.connectionCount();
    slowReplies(20);
    assertThat(burst(vertx.getOrCreateContext(), 20, jwt).await(30, TimeUnit.SECONDS))
        .hasSize(20);
    assertThat(sim.connectionCount() - before).isEqualTo(1);
  }

  @Test
  void aRequestRefusedByGoAwayIsSentAgainOnANewConnectionWhileEarlierStreamsFinish()
      throws Exception {
    start(100);
    String jwt = token();
    Context loop = vertx.getOrCreateContext();
    slowReplies(3);
    Future<List<String>> earlier = burst(loop, 3, jwt);
    for (int i = 0; i < 3; i++) {
      sim.takeRequest();
    }
    sim.enqueue(SimFault.GOAWAY);
    List<String> refusedThenServed = burst(loop, 1, jwt).await(30, TimeUnit.SECONDS);
    assertThat(refusedThenServed.get(0)).contains("data:");
    assertThat(earlier.await(30, TimeUnit.SECONDS))
        .hasSize(3)
        .allSatisfy(b -> assertThat(b).contains("data:"));
    assertThat(sim.goAwaysSent()).isEqualTo(1);
    assertThat(sim.requestCount())
        .as("the refused request was not processed; its resend was")
        .isEqualTo(4);
    assertThat(sim.connections()).hasSize(2);
  }

  @Test
  void warmOpensTheFirstConnectionAheadOfTheFirstRequest() throws Exception {
    start(100);
    transport.warm(URI.create(sim.baseUrl() + "/ai/multi-agent"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (transport.openConnections(URI.create(sim.baseUrl())) == 0
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(transport.openConnections(URI.create(sim.baseUrl()))).isEqualTo(1);
    token();
    assertThat(sim.connectionCount()).as("the refresh used the warm connection").isEqualTo(1);
  }
}
