package dev.warp2api.api.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/warp/send_stream}: a client that hangs up before the answer is complete cancels
 * the call.
 */
class SendStreamClientGoneTest {

  @Test
  void cancelsTheCallWhenTheClientHangsUpBeforeTheAnswer() throws Exception {
    var warp = ScriptedWarp.hanging();
    try (var server = new BridgeServer(warp)) {
      byte[] body = BridgeFixtures.R1_JSON.getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/warp/send_stream HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n"
                    + "content-length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        assertThat(warp.started.await(10, TimeUnit.SECONDS)).as("call started").isTrue();
        assertThat(warp.cancelled.getCount())
            .as("not cancelled while the client waits")
            .isEqualTo(1);
      }
      assertThat(warp.cancelled.await(10, TimeUnit.SECONDS))
          .as("call cancelled")
          .isTrue();
    }
  }

  @Test
  void doesNotCancelACallThatAlreadyAnswered() throws Exception {
    var warp = ScriptedWarp.goldenTurn();
    try (var server = new BridgeServer(warp)) {
      assertThat(server.post("/api/warp/send_stream", BridgeFixtures.R1_JSON).status())
          .isEqualTo(200);
    }
    assertThat(warp.cancelled.getCount())
        .as("server closed its connections; the ended call stays uncancelled")
        .isEqualTo(1);
  }
}
