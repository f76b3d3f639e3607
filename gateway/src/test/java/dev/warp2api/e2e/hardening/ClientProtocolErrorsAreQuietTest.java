package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.LogLines;
import dev.warp2api.testing.TestStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A client's protocol errors are its own and quiet: a malformed chunk size is a 400, and a client
 * that leaves in the middle of its upload is no internal error; neither writes an error, a warning
 * or a stack trace to the log.
 */
class ClientProtocolErrorsAreQuietTest {
  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults(), Map.of("WARP_REFRESH_TOKEN", "rt-client-protocol-0001"));

  @Test
  void aMalformedChunkSizeIsA400AndLogsNoError() throws Exception {
    try (LogLines logs = new LogLines();
        Socket s = new Socket("127.0.0.1", stack.gateway.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                  + "transfer-encoding: chunked\r\n\r\nZZZ-not-a-size\r\n{}\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
      assertThat(logs.lines())
          .noneMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN") || l.contains(" | "));
    }
  }

  @Test
  void aClientThatLeavesMidUploadIsNoInternalError() throws Exception {
    try (LogLines logs = new LogLines()) {
      try (Socket s = new Socket("127.0.0.1", stack.gateway.port())) {
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: 100000\r\n\r\n{\"model\":\"claude-4-5-sonnet\",\"messages\":[")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(300);
      } // closed mid-body
      stack.await("the gateway noticed", () -> stack.get("/healthz").statusCode() == 200);
      Thread.sleep(Duration.ofMillis(300));
      assertThat(logs.lines())
          .noneMatch(l -> l.startsWith("ERROR") || l.startsWith("WARN") || l.contains(" | "))
          .noneMatch(l -> l.contains("request.internal_error"));
    }
  }
}
