package dev.warp2api.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Thousands of connections that never finish their headers cannot take the gateway down: with the
 * cap at 500, /healthz and a chat are still answered beside 2,000 of them, every one of them is
 * closed after W2A_HEADER_TIMEOUT, and an idle keep-alive connection is closed after
 * W2A_CLIENT_IDLE_TIMEOUT.
 */
class SlowClientsCannotTakeTheGatewayDownTest {
  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults(),
      Map.of(
          "WARP_REFRESH_TOKEN", "rt-slow-clients-0001",
          "W2A_HEADER_TIMEOUT", "1s",
          "W2A_CLIENT_IDLE_TIMEOUT", "2s",
          "W2A_MAX_CONNECTIONS", "500"));

  @Test
  void twoThousandHeaderOnlyConnectionsLeaveProbesAndChatsAnsweredAndAreClosed() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 2000; i++) {
        Socket s = new Socket("127.0.0.1", stack.gateway.port());
        OutputStream out = s.getOutputStream();
        out.write("GET /healthz HTTP/1.1\r\nhost: x\r\n"
            .getBytes(StandardCharsets.US_ASCII)); // never ends
        out.flush();
        slow.add(s);
      }
      assertThat(stack.get("/healthz").statusCode()).isEqualTo(200);
      stack.sim.enqueue(SimReply.text("still here"));
      assertThat(stack.chat(false, "hi").statusCode()).isEqualTo(200);

      long deadline = System.currentTimeMillis() + 20_000;
      for (Socket s : slow) {
        s.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        assertThat(closedByPeer(s)).as("a header-only connection is closed").isTrue();
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket s = new Socket("127.0.0.1", stack.gateway.port())) {
      s.getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      byte[] head = new byte[12];
      assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      long start = System.nanoTime();
      s.setSoTimeout(15_000);
      assertThat(closedByPeer(s)).isTrue();
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertThat(waited).as("ms until closed").isBetween(1_000L, 10_000L);
    }
  }

  /**
   * Reads to the end: true when the peer closed the connection (end of stream or reset), false on a
   * timeout.
   */
  private static boolean closedByPeer(Socket s) {
    try {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // drain whatever was answered
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }
}
