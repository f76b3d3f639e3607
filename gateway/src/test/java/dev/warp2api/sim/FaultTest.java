package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {
  private SimFixture f;
  private String jwtA;
  private String jwtB;

  @BeforeEach
  void setUp() throws Exception {
    f = new SimFixture(SimConfig.defaults()
        .withClock(MutableClock.startingAtDefault())
        .withAccounts(
            SimAccountSpec.of("rt-a", "personal-1", 100),
            SimAccountSpec.of("rt-b", "personal-2", 100)));
    jwtA = f.accessToken("rt-a");
    jwtB = f.accessToken("rt-b");
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  @Test
  void quotaFaultTargetsOneAccountAndCostsNothing() throws Exception {
    f.sim.enqueueFor("personal-1", SimFault.QUOTA_429);
    var a = f.ai(jwtA, SimFixture.request("x"));
    assertThat(a.statusCode()).isEqualTo(429);
    assertThat(a.headers().firstValue("x-warp-error-code")).hasValue("OUT_OF_CREDITS");
    assertThat(f.ai(jwtB, SimFixture.request("x")).statusCode()).isEqualTo(200);
    assertThat(f.sim.creditsUsed("personal-1")).isZero();
    assertThat(f.ai(jwtA, SimFixture.request("x")).statusCode()).isEqualTo(200);
  }

  @Test
  void overloadedHasNoErrorCodeAndOptionalRetryAfter() throws Exception {
    f.sim.enqueue(SimFault.OVERLOADED_429).enqueue(SimFault.overloaded(Duration.ofSeconds(7)));
    var plain = f.ai(jwtA, SimFixture.request("x"));
    assertThat(plain.statusCode()).isEqualTo(429);
    assertThat(plain.headers().firstValue("x-warp-error-code")).isEmpty();
    assertThat(plain.headers().firstValue("retry-after")).isEmpty();
    var timed = f.ai(jwtA, SimFixture.request("x"));
    assertThat(timed.headers().firstValue("retry-after")).hasValue("7");
  }

  @Test
  void statusFaultsAnswerTheRealBodies() throws Exception {
    f.sim
        .enqueue(SimFault.AUTH_401)
        .enqueue(SimFault.BAD_REQUEST_400)
        .enqueue(SimFault.SERVER_500_EMPTY);
    var auth = f.ai(jwtA, SimFixture.request("x"));
    assertThat(auth.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(auth.body()).getString("error"))
        .isEqualTo("Unauthorized: User not in context");
    var bad = f.ai(jwtA, SimFixture.request("x"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("cannot parse invalid wire-format data");
    var err = f.ai(jwtA, SimFixture.request("x"));
    assertThat(err.statusCode()).isEqualTo(500);
    assertThat(err.body()).isEmpty();
  }

  @Test
  void disconnectAfterSendsSomeEventsThenDrops() throws Exception {
    f.sim.enqueue(SimFault.disconnectAfter(3));
    var r = f.http.send(
        HttpRequest.newBuilder(URI.create(f.sim.baseUrl() + "/ai/multi-agent"))
            .header("authorization", "Bearer " + jwtA)
            .POST(HttpRequest.BodyPublishers.ofByteArray(SimFixture.request("x").toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    StringBuilder got = new StringBuilder();
    assertThatThrownBy(() -> r.body().forEach(l -> got.append(l).append('\n')))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(SimFixture.names(SimFixture.events(got.toString())))
        .containsExactly("init", "create_task", "add_messages_to_task");
  }

  @Test
  void disconnectAfterZeroEventsSendsOnlyTheStatus() throws Exception {
    f.sim
        .enqueue(SimFault.disconnectAfter(0))
        .enqueue(SimReply.fault(SimFault.disconnectAfter(0)).slow(Duration.ofMillis(10)));
    for (int i = 0; i < 2; i++) {
      HttpResponse<Stream<String>> r;
      try {
        r = f.http.send(
            HttpRequest.newBuilder(URI.create(f.sim.baseUrl() + "/ai/multi-agent"))
                .header("authorization", "Bearer " + jwtA)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                    SimFixture.request("x").toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
      } catch (IOException closedBeforeTheClientReadTheHead) {
        // The connection can close before the JDK client has parsed the status line it was sent: a
        // timing of the client, not of the simulator. Either way no event arrived.
        continue;
      }
      assertThat(r.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> r.body().count()).isInstanceOf(UncheckedIOException.class);
    }
    assertThat(f.sim.requests()).hasSize(2);
  }

  @Test
  void stallSendsNothing() throws Exception {
    f.sim.enqueue(SimFault.STALL);
    var req = HttpRequest.newBuilder(URI.create(f.sim.baseUrl() + "/ai/multi-agent"))
        .timeout(Duration.ofMillis(300))
        .header("authorization", "Bearer " + jwtA)
        .POST(HttpRequest.BodyPublishers.ofByteArray(SimFixture.request("x").toByteArray()))
        .build();
    assertThatThrownBy(() -> f.http.send(req, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(f.sim.takeRequest().status()).isZero();
  }

  @Test
  void disconnectBeforeResponseClosesTheConnection() throws Exception {
    f.sim.enqueue(SimFault.DISCONNECT_BEFORE_RESPONSE);
    assertThatThrownBy(() -> f.ai(jwtA, SimFixture.request("x"))).isInstanceOf(IOException.class);
    assertThat(f.ai(jwtA, SimFixture.request("x")).statusCode()).isEqualTo(200);
  }
}
