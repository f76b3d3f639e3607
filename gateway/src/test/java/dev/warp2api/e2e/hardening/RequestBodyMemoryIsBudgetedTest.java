package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Request bodies share a memory budget counted as bytes arrive: connections that declare 20 MiB and
 * send one byte hold one byte each, so chats beside them are answered, and the stalled ones are
 * closed; bodies beyond the budget are a fast 503 with Retry-After in the dialect, never an
 * OutOfMemoryError or a timeout.
 */
class RequestBodyMemoryIsBudgetedTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults(),
      Map.of(
          "WARP_REFRESH_TOKEN", "rt-body-budget-0001",
          "W2A_MAX_INFLIGHT_BODY_BYTES", "30MiB",
          "W2A_HEADER_TIMEOUT", "6s")); // a busy test JVM can pause an upload for 2 s

  static String chat(String model, int padding, boolean anthropic) {
    String text = "x".repeat(padding);
    return anthropic
        ? "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
            + text + "\"}]}"
        : "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text
            + "\"}]}";
  }

  @Test
  void twelveConnectionsDeclaringTwentyMebibytesAndSendingOneByteLeaveChatsAnsweredAndAreClosed()
      throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        Socket s = new Socket("127.0.0.1", stack.gateway.port());
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: 20971520\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        held.add(s);
      }
      for (int i = 0; i < 3; i++) {
        stack.sim.enqueue(SimReply.text("ok " + i));
        long start = System.nanoTime();
        HttpResponse<String> r =
            stack.post("/v1/chat/completions", chat("claude-4-5-sonnet", 2 << 20, false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
      }
      // No byte for W2A_HEADER_TIMEOUT: each stalled body's connection is closed.
      for (Socket s : held) {
        s.setSoTimeout(30_000);
        InputStream in = s.getInputStream();
        String answered =
            new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // to the end: closed
        assertThat(answered)
            .as("a stalled upload is told so, then closed")
            .startsWith("HTTP/1.1 400")
            .contains("W2A_HEADER_TIMEOUT");
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void concurrentMaximumSizeChatsAreAnsweredOrRefusedFastWithRetryAfterInTheirDialect()
      throws Exception {
    for (int i = 0; i < 6; i++) {
      stack.sim.enqueue(SimReply.text("big " + i));
    }
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    // Six uploads at once (the common pool has one thread on a two-core machine); each may take a
    // while on a busy machine, which is not what this test is about: a refusal is still fast.
    ExecutorService uploaders = Executors.newFixedThreadPool(6);
    for (int i = 0; i < 6; i++) {
      boolean anthropic = i % 2 == 1;
      HttpRequest request = HttpRequest.newBuilder(
              URI.create(stack.baseUrl() + (anthropic ? "/v1/messages" : "/v1/chat/completions")))
          .timeout(Duration.ofSeconds(120))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(chat("claude-4-5-sonnet", 19 << 20, anthropic)))
          .build();
      answers.add(CompletableFuture.supplyAsync(() -> stack.send(request), uploaders));
    }
    uploaders.shutdown();
    int served = 0;
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> r = answers.get(i).get(150, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isIn(200, 503);
      if (r.statusCode() == 200) {
        served++;
        continue;
      }
      assertThat(r.headers().firstValue("retry-after")).contains("1");
      JsonNode error = JSON.readTree(r.body());
      if (i % 2 == 1) {
        assertThat(error.at("/error/type").asText()).isEqualTo("overloaded_error");
      } else {
        assertThat(error.at("/error/type").asText()).isEqualTo("server_error");
        assertThat(error.at("/error/code").asText()).isEqualTo("overloaded");
      }
      assertThat(error.at("/error/message").asText()).contains("W2A_MAX_INFLIGHT_BODY_BYTES");
    }
    assertThat(served).isPositive();
    // Every body's bytes were given back: another maximum-size chat is served.
    stack.sim.enqueue(SimReply.text("after"));
    assertThat(stack
            .post("/v1/chat/completions", chat("claude-4-5-sonnet", 19 << 20, false))
            .statusCode())
        .isEqualTo(200);
  }
}
