package dev.warp2api.e2e.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimConnection;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimServing;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The production path: the gateway reaches the simulator over TLS with HTTP/2 (self-signed
 * certificate, {@code WARP_INSECURE_TLS=true}). Counts come from the simulator's own record of
 * connections and streams.
 */
class TlsHttp2UpstreamTest {
  private static final String P1 = "rt-tls-e2e-personal-0001";
  private static final String P2 = "rt-tls-e2e-personal-0002";
  private static final String ADMIN_KEY = "admin-tls-e2e-key-7c1d";
  private static final String ASK =
      "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me\"}]}";

  @AutoClose
  private final TestStack stack = TestStack.start(
      // events 30 ms apart: a reset after the first content reaches the gateway after that content,
      // not with it
      SimConfig.defaults()
          .withAccounts(
              SimAccountSpec.of(P1, "personal-1", 100), SimAccountSpec.of(P2, "personal-2", 100))
          .withReply(4, Duration.ofMillis(30)),
      Map.of("WARP_PERSONAL_TOKENS", P1 + "," + P2, "W2A_ADMIN_TOKEN", ADMIN_KEY),
      null,
      SimServing.tls(100));

  private List<String> dataLines(String sse) {
    return Arrays.stream(sse.split("\n"))
        .filter(l -> l.startsWith("data: "))
        .map(l -> l.substring(6))
        .toList();
  }

  @Test
  void startUpReadsAndChatsShareWarmHttp2ConnectionsAtMostOnePerEventLoop() {
    stack.await("start-up quota reads", () -> stack.sim.graphqlCalls() >= 2);
    for (int i = 0; i < 4; i++) {
      assertThat(stack.post("/v1/chat/completions", ASK).statusCode()).isEqualTo(200);
    }
    List<SimConnection> seen = stack.sim.connections();
    assertThat(seen).allSatisfy(c -> assertThat(c.protocol()).isEqualTo("h2"));
    // one per server event loop plus the one the start-up reads ran on
    assertThat(seen.size()).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 1);
    assertThat(seen).anySatisfy(c -> assertThat(c.paths()).contains("/proxy/token", "/graphql/v2"));
    assertThat(seen.stream().mapToLong(SimConnection::streams).sum())
        .isGreaterThanOrEqualTo(2 + 2 + 4);
  }

  @Test
  void aResetBeforeTheFirstContentFailsOverAndTheClientGetsItsAnswer() {
    stack.sim.enqueue(SimFault.DISCONNECT_BEFORE_RESPONSE);
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("[DONE]").doesNotContain("\"error\"");
    assertThat(stack.sim.resetsSent()).isEqualTo(1);
    assertThat(stack.upstreamAccounts()).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void aResetAfterTheFirstContentEndsTheStreamWithTheDialectsErrorEvent() throws Exception {
    stack.sim.enqueue(SimFault.disconnectAfter(8));
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK);
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> data = dataLines(r.body());
    assertThat(data).isNotEmpty().doesNotContain("[DONE]");
    var last = new ObjectMapper().readTree(data.get(data.size() - 1));
    assertThat(last.path("error").path("code").asText()).isEqualTo("upstream_error");
    assertThat(stack.sim.resetsSent()).isEqualTo(1);
    assertThat(stack.sim.requestCount()).isEqualTo(1);
  }

  @Test
  void aRequestRefusedByGoAwayIsSentAgainWithoutAFailoverAndConnectionsShowOnMetrics() {
    stack.sim.enqueue(SimFault.GOAWAY);
    HttpResponse<String> r = stack.post("/v1/chat/completions", ASK);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("[DONE]");
    assertThat(stack.sim.goAwaysSent()).isEqualTo(1);
    assertThat(stack.upstreamAccounts())
        .as("the refused request was never processed; no failover")
        .hasSize(1);
    String metrics =
        stack.get("/metrics", "authorization", "Bearer " + ADMIN_KEY).body();
    assertThat(metrics)
        .contains(
            "warp2api_upstream_connections_open",
            "warp2api_upstream_handshakes_seconds_count",
            "warp2api_upstream_goaways_total",
            "warp2api_upstream_refused_retries_total",
            "warp2api_upstream_streams_per_connection",
            "warp2api_upstream_resets_total");
  }
}
