package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that accepts and never answers costs a request a bounded time: each attempt waits
 * W2A_UPSTREAM_HEAD_TIMEOUT for Warp's head, all attempts before the first content stop after
 * W2A_UPSTREAM_BUDGET, a token refresh gives up after W2A_REFRESH_TIMEOUT, and once content flows
 * the budget no longer applies. A stream that waits gets its head and keep-alives and ends with the
 * dialect's error event. Real time, short settings; nothing here sleeps.
 */
class SilentUpstreamIsGivenUpOnInBoundedTimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "rt-silent-upstream-0001";
  private static final String OPENAI_STREAM =
      "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ANTHROPIC_STREAM =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private TestStack stack;
  private BlackHole blackHole;

  @AfterEach
  void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
    if (blackHole != null) {
      blackHole.close();
    }
  }

  private static TestStack start(String... env) {
    Map<String, String> all = new HashMap<>();
    all.put("WARP_REFRESH_TOKEN", TOKEN);
    for (int i = 0; i + 1 < env.length; i += 2) {
      all.put(env[i], env[i + 1]);
    }
    return TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(TOKEN, "personal-1", 1000)), all);
  }

  @Test
  void aHeadThatNeverComesFailsEachAttemptAfterTheHeadTimeoutAndTheRequestWith504() {
    stack = start("W2A_UPSTREAM_HEAD_TIMEOUT", "300ms", "W2A_UPSTREAM_BUDGET", "30s");
    for (int i = 0; i < 3; i++) {
      stack.sim.enqueue(SimFault.STALL);
    }

    long started = System.nanoTime();
    HttpResponse<String> r = stack.chat(false, "hi");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
    assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("upstream_timeout");
    assertThat(json(r.body()).at("/error/message").asText()).contains("3 attempt(s)");
    assertThat(stack.sim.requestCount()).isEqualTo(3);
    assertThat(tookMs).as("ms to the 504").isBetween(900L, 8_000L);
  }

  @Test
  void attemptsBeforeTheFirstContentStopAfterTheBudget() {
    stack = start("W2A_UPSTREAM_HEAD_TIMEOUT", "20s", "W2A_UPSTREAM_BUDGET", "1s");
    stack.sim.enqueue(SimFault.STALL);

    long started = System.nanoTime();
    HttpResponse<String> r = stack.chat(false, "hi");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
    assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("upstream_timeout");
    assertThat(tookMs).as("ms to the 504").isBetween(900L, 6_000L);
    assertThat(stack.sim.requestCount()).isEqualTo(1);
  }

  @Test
  void aWaitingOpenAiStreamGetsItsHeadAndKeepAlivesThenTheErrorEvent() {
    stack = start(
        "W2A_UPSTREAM_HEAD_TIMEOUT",
        "20s",
        "W2A_UPSTREAM_BUDGET",
        "1500ms",
        "W2A_KEEPALIVE",
        "200ms");
    // Warp's head comes at once, then nothing for far longer than the budget.
    stack.sim.enqueue(SimReply.text("too late").slow(Duration.ofSeconds(20)));

    HttpResponse<String> r = stack.post("/v1/chat/completions", OPENAI_STREAM);

    assertThat(r.statusCode()).isEqualTo(200);
    String body = r.body();
    assertThat(body).contains(": keep-alive\n\n");
    List<String> data = SseBodies.dataLines(body);
    JsonNode error = json(data.get(data.size() - 1));
    assertThat(error.at("/error/code").asText()).as(body).isEqualTo("upstream_timeout");
    assertThat(SseBodies.openAiText(body)).isEmpty();
  }

  @Test
  void aStreamWaitingForABusyCredentialGetsItsHeadAndPingsAndThenItsAnswer() throws Exception {
    stack = start(
        "W2A_MAX_CONCURRENCY_PER_CREDENTIAL", "1", "W2A_MAX_WAIT", "10s", "W2A_KEEPALIVE", "200ms");
    stack.sim.enqueue(SimReply.text("first, slowly").inDeltas(3).slow(Duration.ofMillis(200)));
    stack.sim.enqueue(SimReply.text("second, at once"));
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> stack.chat(false, "first"));
    stack.await("the first request holds the credential", () -> stack.sim.requestCount() == 1);

    HttpResponse<String> second = stack.post("/v1/messages", ANTHROPIC_STREAM, "x-api-key", "any");

    assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    String body = second.body();
    assertThat(body.indexOf("event: message_start")).isZero();
    int ping = body.indexOf("event: ping");
    assertThat(ping).as(body).isPositive();
    assertThat(ping).isLessThan(body.indexOf("event: content_block_delta"));
    assertThat(body).contains("\"text\":\"sec\"").endsWith("data: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void contentThatFlowsIsNeverCutByTheBudget() {
    // The first content comes after about six gaps (~0.9 s), the end after about twenty (~3 s).
    stack = start("W2A_UPSTREAM_BUDGET", "2s");
    stack.sim.enqueue(SimReply.text("one two three four five six seven eight nine ten")
        .inDeltas(12)
        .slow(Duration.ofMillis(150)));

    long started = System.nanoTime();
    HttpResponse<String> r = stack.post("/v1/chat/completions", OPENAI_STREAM);
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(tookMs).as("the answer outlasted the budget").isGreaterThan(2_000L);
    assertThat(SseBodies.openAiText(r.body()))
        .isEqualTo("one two three four five six seven eight nine ten");
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void aRefreshEndpointThatNeverAnswersIsGivenUpOnAfterTheRefreshTimeout() throws IOException {
    blackHole = new BlackHole();
    stack = start(
        "WARP_REFRESH_URL",
        "http://127.0.0.1:" + blackHole.port() + "/proxy/token",
        "W2A_REFRESH_TIMEOUT",
        "300ms");

    long started = System.nanoTime();
    HttpResponse<String> r = stack.chat(false, "hi");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(r.statusCode()).as(r.body()).isIn(429, 503, 504);
    assertThat(tookMs).as("ms to the answer").isLessThan(8_000L);
    assertThat(stack.sim.requestCount()).isZero();
    stack.await(
        "/readyz says not ready once no credential can obtain a token",
        () -> stack.get("/readyz").statusCode() == 503);
  }

  @Test
  void readyzSaysNotReadyWhenEveryCredentialsRefreshIsRejected() {
    stack = TestStack.start(
        SimConfig.defaults()
            .withAccounts(SimAccountSpec.of(TOKEN, "personal-1", 1000).withRevoked(true)),
        Map.of("WARP_REFRESH_TOKEN", TOKEN, "W2A_AUTH_FAILURES", "1"));

    stack.await(
        "the start-up quota read found the token rejected",
        () -> stack.get("/readyz").statusCode() == 503);
    HttpResponse<String> ready = stack.get("/readyz");
    assertThat(json(ready.body()).path("ready").asBoolean(true)).isFalse();
    assertThat(json(ready.body()).path("reason").asText()).contains("rejected");
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accepts connections and never answers them, as a black-holed endpoint does. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0);
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    BlackHole() throws IOException {
      Thread accept = new Thread(
          () -> {
            while (!server.isClosed()) {
              try {
                held.add(server.accept());
              } catch (IOException closed) {
                return;
              }
            }
          },
          "black-hole");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
