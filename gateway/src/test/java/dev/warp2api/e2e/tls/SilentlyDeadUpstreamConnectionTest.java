package dev.warp2api.e2e.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimServing;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.SilenceableRelay;
import dev.warp2api.testing.TestStack;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The gateway's upstream connections die without a close (a laptop that slept, a NAT entry that
 * expired): the attempt that meets a dead one times out, and the next attempt goes on a fresh
 * connection, so the client still gets its answer. The gateway reaches the TLS simulator through a
 * relay that can silence the connections it carries.
 */
class SilentlyDeadUpstreamConnectionTest {
  private static final String P1 = "rt-dead-conn-personal-0001";
  private static final String P2 = "rt-dead-conn-personal-0002";
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me\"}]}";

  private final Vertx relayVertx = Vertx.vertx();
  private SilenceableRelay relay;

  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults()
          .withAccounts(
              SimAccountSpec.of(P1, "personal-1", 100), SimAccountSpec.of(P2, "personal-2", 100)),
      Map.of("WARP_PERSONAL_TOKENS", P1 + "," + P2, "W2A_UPSTREAM_HEAD_TIMEOUT", "1s"),
      null,
      SimServing.tls(100),
      simBase -> {
        relay =
            Await.result(SilenceableRelay.start(relayVertx, URI.create(simBase).getPort()));
        return "https://127.0.0.1:" + relay.port();
      });

  @AfterEach
  void closeRelay() throws Exception {
    relay.close();
    relayVertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aChatWhoseFirstAttemptMeetsADeadConnectionIsAnsweredOnAFreshOne() {
    assertThat(stack.post("/v1/chat/completions", ASK).statusCode()).isEqualTo(200);
    int before = stack.sim.connectionCount();

    relay.silenceOpenConnections();
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("[DONE]").doesNotContain("\"error\"");
    assertThat(stack.sim.connectionCount())
        .as("the answer came over a connection opened after the others went silent")
        .isGreaterThan(before);
  }
}
