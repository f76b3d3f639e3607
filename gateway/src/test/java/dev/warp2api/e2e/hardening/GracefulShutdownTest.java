package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimFault;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.Await;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.SseBodies;
import dev.warp2api.testing.TestStack;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stop asked for ({@code Gateway.drain}, what SIGTERM and {@code Gateway.close} run): the
 * instance is not ready at once and accepts no new connection, a request in flight that ends within
 * {@code W2A_SHUTDOWN_GRACE} ends whole, those that outlast it end with their dialect's error (the
 * error event of a stream begun, a 503 before), and the pool's state is written. Nothing depends on
 * the simulator's pacing but its order: every stream waits for its first content to reach the
 * client before the drain begins, the one meant to finish is short beside a 30 s grace, those meant
 * to be ended are far longer than a 300 ms one.
 */
class GracefulShutdownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "rt-graceful-shutdown-0001";
  private static final String CHAT_STREAM =
      "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String RESPONSES_STREAM =
      "{\"model\":\"claude-4-5-sonnet\",\"stream\":true,\"input\":\"hi\"}";
  private static final String MESSAGES_STREAM =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String MESSAGES_WHOLE =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private TestStack stack;
  private final List<Exchange> exchanges = new ArrayList<>();

  @AfterEach
  void stop() {
    exchanges.forEach(Exchange::close);
    if (stack != null) {
      stack.close();
    }
  }

  private TestStack start(String grace) {
    Map<String, String> env = new HashMap<>();
    env.put("WARP_REFRESH_TOKEN", TOKEN);
    env.put("W2A_SHUTDOWN_GRACE", grace);
    stack = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(TOKEN, "personal-1", 100_000)), env);
    return stack;
  }

  @Test
  void aStreamInFlightFinishesWholeWithinTheGraceWhileNothingNewIsAccepted() throws Exception {
    start("30s");
    // The first content after about six events, then some 2.5 s more: short beside the grace.
    stack.sim.enqueue(SimReply.text("one two three four five six seven eight")
        .inDeltas(8)
        .slow(Duration.ofMillis(250)));
    // A probe pipelined behind the stream on its connection: answered once the stream has ended,
    // that is during the drain.
    Exchange stream =
        open(post("/v1/chat/completions", CHAT_STREAM, true) + get("/readyz"), "the OpenAI stream");
    stream.awaitContaining("\"content\":\"");
    int port = stack.gateway.port();
    try (LogLines logs = new LogLines()) {
      long began = System.nanoTime();
      Future<Void> drained = stack.gateway.drain();

      Await.until("no new connection is accepted", Duration.ofSeconds(5), () -> refused(port));
      assertThat(stream.done())
          .as("the stream still runs while connections are refused")
          .isFalse();
      List<Response> answers = stream.responses(Duration.ofSeconds(20));
      drained.await(10, TimeUnit.SECONDS);
      long tookMs = (System.nanoTime() - began) / 1_000_000;

      assertThat(answers).hasSize(2);
      Response chat = answers.get(0);
      assertThat(chat.status()).isEqualTo(200);
      assertThat(SseBodies.openAiText(chat.body()))
          .isEqualTo("one two three four five six seven eight");
      assertThat(chat.body()).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
      assertThat(chat.body()).doesNotContain("\"error\"");
      Response ready = answers.get(1);
      assertThat(ready.status()).as(ready.body()).isEqualTo(503);
      assertThat(json(ready.body()).path("ready").asBoolean(true)).isFalse();
      assertThat(json(ready.body()).path("reason").asText()).contains("shutting down");
      assertThat(tookMs)
          .as("the drain ended with its last request, not at the grace")
          .isLessThan(15_000L);
      assertThat(stack.stateDir.resolve("state.json")).exists();
      // A probe connection that the kernel accepted as the port closed is dropped by Netty with a
      // warning of its own: that is the probing's, not the gateway's.
      assertThat(logs.lines().stream().filter(l -> !l.contains(" io.netty.")))
          .as("a stop is no failure: no error or warning, no stack trace")
          .noneMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN") || l.contains(" | "));
    }
  }

  @Test
  void whatOutlastsTheGraceEndsWithItsDialectsErrorAndACleanEnd() throws Exception {
    start("300ms");
    // Not answered at all yet when the grace ends (Warp's head never comes): a 503.
    stack.sim.enqueue(SimFault.STALL);
    Exchange waiting = open(post("/v1/messages", MESSAGES_WHOLE, false), "the Messages request");
    stack.await("the waiting request reached Warp", () -> stack.sim.requestCount() == 1);
    // Three streams each some 20 s long, begun (content at their clients) when the drain begins.
    for (int i = 0; i < 3; i++) {
      stack.sim.enqueue(
          SimReply.text("word ".repeat(80)).inDeltas(80).slow(Duration.ofMillis(250)));
    }
    Exchange chat = open(post("/v1/chat/completions", CHAT_STREAM, false), "the OpenAI stream");
    Exchange responses =
        open(post("/v1/responses", RESPONSES_STREAM, false), "the Responses stream");
    Exchange messages = open(post("/v1/messages", MESSAGES_STREAM, false), "the Anthropic stream");
    chat.awaitContaining("\"content\":\"word");
    responses.awaitContaining("response.output_text.delta");
    messages.awaitContaining("content_block_delta");

    long began = System.nanoTime();
    stack.gateway.drain().await(10, TimeUnit.SECONDS);
    long tookMs = (System.nanoTime() - began) / 1_000_000;

    assertThat(tookMs).as("ms to the end of the drain").isLessThan(4_000L);
    Response whole = waiting.only();
    assertThat(whole.status()).as(whole.body()).isEqualTo(503);
    assertThat(whole.header("retry-after")).isEqualTo("1");
    assertThat(json(whole.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(json(whole.body()).at("/error/message").asText()).contains("shutting down");

    Response openAi = chat.only();
    assertThat(openAi.status()).isEqualTo(200);
    List<String> data = SseBodies.dataLines(openAi.body());
    JsonNode error = json(data.get(data.size() - 1));
    assertThat(error.at("/error/code").asText()).as(openAi.body()).isEqualTo("overloaded");
    assertThat(error.at("/error/type").asText()).isEqualTo("server_error");
    assertThat(error.at("/error/message").asText()).contains("shutting down");
    assertThat(SseBodies.openAiText(openAi.body())).startsWith("word");

    Response codex = responses.only();
    assertThat(codex.status()).isEqualTo(200);
    assertThat(codex.body())
        .contains("event: response.failed")
        .doesNotContain("response.completed");
    JsonNode failed = json(lastData(codex.body()));
    assertThat(failed.at("/type").asText()).isEqualTo("response.failed");
    assertThat(failed.at("/response/status").asText()).isEqualTo("failed");
    assertThat(failed.at("/response/error/message").asText()).contains("shutting down");

    Response claude = messages.only();
    assertThat(claude.status()).isEqualTo(200);
    assertThat(claude.body()).contains("event: error").doesNotContain("event: message_stop");
    JsonNode anthropicError = json(lastData(claude.body()));
    assertThat(anthropicError.at("/error/type").asText()).isEqualTo("overloaded_error");
    assertThat(anthropicError.at("/error/message").asText()).contains("shutting down");
  }

  @Test
  void aDrainWithNothingInFlightEndsAtOnceAndWritesTheState() throws Exception {
    start("30s");
    int port = stack.gateway.port();
    assertThat(stack.chat(false, "hi").statusCode()).isEqualTo(200); // bookkeeping to write

    long began = System.nanoTime();
    stack.gateway.drain().await(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    assertThat(stack.gateway.stopping()).isTrue();
    assertThat(refused(port)).isTrue();
    assertThat(stack.stateDir.resolve("state.json")).exists();
  }

  // ---- raw HTTP/1.1, to pipeline a probe and to read a stream as it arrives -------------------

  private String post(String path, String json, boolean keepAlive) {
    return "POST " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
        + (keepAlive ? "" : "connection: close\r\n")
        + "content-length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n";
  }

  private Exchange open(String requests, String what) throws IOException {
    Exchange e = new Exchange(stack.gateway.port(), requests, what);
    exchanges.add(e);
    return e;
  }

  private static boolean refused(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static String lastData(String sse) {
    List<String> data = SseBodies.dataLines(sse);
    return data.get(data.size() - 1);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One HTTP/1.1 response as read off the socket (a chunked body joined). */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A connection that sends {@code requests} at once and reads until the server closes it, on a
   * thread of its own.
   */
  private static final class Exchange implements AutoCloseable {
    private final Socket socket;
    private final String what;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> closed = new CompletableFuture<>();

    Exchange(int port, String requests, String what) throws IOException {
      this.what = what;
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      Thread reader = new Thread(this::read, "exchange-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      byte[] buf = new byte[8192];
      try (InputStream in = socket.getInputStream()) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          synchronized (received) {
            received.write(buf, 0, n);
          }
        }
        closed.complete(sofar());
      } catch (IOException e) {
        closed.completeExceptionally(e);
      }
    }

    private byte[] sofar() {
      synchronized (received) {
        return received.toByteArray();
      }
    }

    void awaitContaining(String text) {
      Await.until(
          what + " brought " + text,
          Duration.ofSeconds(15),
          () -> new String(sofar(), StandardCharsets.UTF_8).contains(text));
    }

    boolean done() {
      return closed.isDone();
    }

    List<Response> responses(Duration limit) throws Exception {
      return parse(closed.get(limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    Response only() throws Exception {
      List<Response> all = responses(Duration.ofSeconds(10));
      assertThat(all).as(what).hasSize(1);
      return all.get(0);
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }

    private static List<Response> parse(byte[] raw) {
      List<Response> out = new ArrayList<>();
      int[] at = {0};
      while (at[0] < raw.length) {
        String statusLine = line(raw, at);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String h; !(h = line(raw, at)).isEmpty(); ) {
          int colon = h.indexOf(':');
          headers.put(
              h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
          for (int size; (size = Integer.parseInt(line(raw, at).trim(), 16)) > 0; ) {
            body.write(raw, at[0], size);
            at[0] += size;
            line(raw, at); // the CRLF after the chunk
          }
          line(raw, at); // the CRLF after the last chunk
        } else {
          int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
          body.write(raw, at[0], length);
          at[0] += length;
        }
        out.add(new Response(status, headers, body.toString(StandardCharsets.UTF_8)));
      }
      return out;
    }

    private static String line(byte[] raw, int[] at) {
      int start = at[0];
      int end = start;
      while (end + 1 < raw.length && !(raw[end] == '\r' && raw[end + 1] == '\n')) {
        end++;
      }
      at[0] = Math.min(raw.length, end + 2);
      return new String(raw, start, end - start, StandardCharsets.US_ASCII);
    }
  }
}
