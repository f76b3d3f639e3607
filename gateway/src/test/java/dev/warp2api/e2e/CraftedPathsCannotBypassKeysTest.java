package dev.warp2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Access is decided on the path the router matches, so spellings of a guarded path that the router
 * normalizes ({@code //}, {@code /./}, {@code /x/../}, percent-encoded letters) are guarded too.
 */
class CraftedPathsCannotBypassKeysTest {
  private static final String CLIENT_KEY = "client-key-7c1e9a";
  private static final String ADMIN_KEY = "admin-key-9b2f41";

  @AutoClose
  final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of("rt-path-1", "one", 100)),
      Map.of(
          "WARP_REFRESH_TOKEN",
          "rt-path-1",
          "API_TOKEN",
          CLIENT_KEY,
          "W2A_ADMIN_TOKEN",
          ADMIN_KEY));

  @Test
  void adminRoutesNeedTheAdminKeyWhateverTheSpelling() throws Exception {
    for (String path : new String[] {
      "/admin/pool",
      "//admin/pool",
      "/./admin/pool",
      "/x/../admin/pool",
      "/%61dmin/pool",
      "/admin/pool/",
      "/metrics",
      "/metrics/"
    }) {
      assertThat(status("GET", path, "")).as(path).isEqualTo(401);
    }
    assertThat(status("GET", "/admin/pool", "x-api-key: " + ADMIN_KEY + "\r\n")).isEqualTo(200);
  }

  @Test
  void chatRoutesNeedAClientKeyWhateverTheSpelling() throws Exception {
    for (String path : new String[] {"/v1/models", "//v1/models", "/./v1/models", "/%761/models"}) {
      assertThat(status("GET", path, "")).as(path).isEqualTo(401);
    }
    assertThat(status("GET", "/v1/models", "x-api-key: " + CLIENT_KEY + "\r\n")).isEqualTo(200);
    assertThat(stack.sim.requests()).isEmpty();
  }

  @Test
  void probesStayOpen() throws Exception {
    assertThat(status("GET", "/healthz", "")).isEqualTo(200);
    assertThat(status("GET", "/healthz/", "")).isEqualTo(200);
    assertThat(status("GET", "/readyz/", "")).isIn(200, 503);
    assertThat(status("HEAD", "/", "")).isEqualTo(200);
  }

  /**
   * Sends the request line exactly as given (no client-side normalization) and returns the status.
   */
  private int status(String method, String path, String headers) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", stack.gateway.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
              + "Connection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(12);
      String line = new String(head, StandardCharsets.US_ASCII);
      return Integer.parseInt(line.substring(9, 12));
    }
  }
}
