package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream whose answer cannot be read (a malformed HTTP chunk size, an event that is neither
 * base64 nor protobuf) and that then keeps the connection open: the client gets a clear 502 in its
 * dialect within seconds, never a hang. The AI endpoint is a raw socket that writes the broken
 * bytes; token refresh and GraphQL stay on the simulator.
 */
class MalformedUpstreamAnswersAreClearErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "rt-malformed-upstream-0001";

  private TestStack stack;
  private RawUpstream upstream;

  @AfterEach
  void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private void start(String answer) throws IOException {
    upstream = new RawUpstream(answer);
    stack = TestStack.start(
        SimConfig.defaults().withAccounts(SimAccountSpec.of(TOKEN, "personal-1", 1000)),
        Map.of(
            "WARP_REFRESH_TOKEN",
            TOKEN,
            "WARP_API_URL",
            "http://127.0.0.1:" + upstream.port() + "/ai/multi-agent",
            "WARP_REFRESH_URL",
            "${SIM}/proxy/token?key=test",
            "WARP_GRAPHQL_URL",
            "${SIM}/graphql/v2"));
  }

  private static final String MALFORMED_CHUNK =
      "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
          + "ZZZ-not-hex\r\nevent:data\r\n";

  @Test
  void aMalformedChunkSizeIsA502NotAHang() throws IOException {
    start(MALFORMED_CHUNK);
    malformedChunkIsA502(false);
  }

  @Test
  void aMalformedChunkSizeUnderAStreamIsA502NotAHang() throws IOException {
    start(MALFORMED_CHUNK);
    malformedChunkIsA502(true);
  }

  private void malformedChunkIsA502(boolean stream) throws IOException {
    long started = System.nanoTime();
    HttpResponse<String> r = stack.chat(stream, "hi");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(json(r.body()).at("/error/code").asText()).isEqualTo("upstream_error");
    assertThat(tookMs).as("ms to the 502").isLessThan(10_000L);
    assertThat(upstream.requests()).isPositive();
  }

  @Test
  void anEventThatIsNeitherBase64NorProtobufIsA502NamingItWithoutRetrying() throws IOException {
    start("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        + chunk("event:data\ndata:%%%not base64 at all%%%\n\n"));

    long started = System.nanoTime();
    HttpResponse<String> r = stack.post(
        "/v1/messages",
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    assertThat(json(r.body()).at("/type").asText()).isEqualTo("error");
    assertThat(json(r.body()).at("/error/message").asText().toLowerCase(Locale.ROOT))
        .contains("event")
        .doesNotContain("%%%");
    assertThat(tookMs).as("ms to the 502").isLessThan(10_000L);
    assertThat(upstream.requests()).as("an unreadable event is not retried").isEqualTo(1);
  }

  private static String chunk(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n";
  }

  private static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  /**
   * Answers every request with the same raw bytes and keeps the connection open afterwards, as a
   * broken upstream that does not hang up would.
   */
  private static final class RawUpstream implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0);
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    RawUpstream(String answer) throws IOException {
      Thread accept = new Thread(
          () -> {
            while (!server.isClosed()) {
              try {
                Socket s = server.accept();
                held.add(s);
                Thread serve = new Thread(() -> serve(s, answer), "raw-upstream-conn");
                serve.setDaemon(true);
                serve.start();
              } catch (IOException closed) {
                return;
              }
            }
          },
          "raw-upstream");
      accept.setDaemon(true);
      accept.start();
    }

    private void serve(Socket s, String answer) {
      try {
        InputStream in = s.getInputStream();
        while (true) {
          String head = readHead(in);
          if (head == null) {
            return;
          }
          requests.incrementAndGet();
          in.readNBytes(contentLength(head));
          s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
          s.getOutputStream().flush();
        }
      } catch (IOException gone) {
        // the gateway reset the connection
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r\n\r\n")) {
          return text;
        }
      }
      return null;
    }

    private static int contentLength(String head) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-length")) {
          return Integer.parseInt(line.substring(colon + 1).strip());
        }
      }
      return 0;
    }

    int port() {
      return server.getLocalPort();
    }

    int requests() {
      return requests.get();
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
